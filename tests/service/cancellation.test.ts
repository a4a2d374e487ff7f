import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  multipart,
  registerTinyModel,
  signIn,
  startService,
  type TService,
  type TSignedIn,
  uploadCase,
  waitForJob,
} from './harness';
import { makeSlowModel } from './slow-model';

let service: TService;
let radiologist: TSignedIn;
let modelId: string;
let caseId: string;

beforeAll(async () => {
  service = await startService();
  radiologist = await signIn(service.test.app, 'radiologist');
  modelId = (await registerTinyModel(service, await signIn(service.test.app, 'ml_engineer'))).id;
  caseId = (await uploadCase(service, radiologist)).json().id;
});

afterAll(async () => {
  await service?.close();
});

describe('DELETE /api/jobs/:id', () => {
  it('cancels a queued job: no worker ever writes a result, and asking again starts it afresh', async () => {
    const app = service.test.app;
    const asked = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.write,
      payload: { modelId, methods: ['saliency'] },
    });
    const { jobId } = asked.json();
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/jobs/${jobId}`, headers: radiologist.write });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
    const twice = await app.inject({ method: 'DELETE', url: `/api/jobs/${jobId}`, headers: radiologist.write });
    expect(twice.statusCode).toBe(409);

    await service.startWorker();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await app.prisma.explanation.count()).toBe(0);
    const events = await app.inject({ method: 'GET', url: `/api/jobs/${jobId}/events`, headers: radiologist.read });
    expect(events.body).toMatch(/event: cancelled/);

    const again = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.write,
      payload: { modelId, methods: ['saliency'] },
    });
    expect(again.json()).toEqual({ jobId, state: 'queued' });
    expect((await waitForJob(service, radiologist, jobId)).state).toBe('completed');
    expect(await app.prisma.explanation.count()).toBe(1);
  });

  it('stops a running job at its next batch: no result is written', async () => {
    const app = service.test.app;
    const slow = makeSlowModel();
    const ml = await signIn(app, 'ml_engineer');
    const body = multipart([
      { name: 'model', value: slow.bytes },
      { name: 'card', value: JSON.stringify(slow.card) },
    ]);
    const model = await app.inject({
      method: 'POST',
      url: '/api/models',
      payload: body.payload,
      headers: { ...body.headers, ...ml.write },
    });
    const before = await app.prisma.explanation.count();
    const asked = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.write,
      payload: { modelId: model.json().id, methods: ['integrated-gradients', 'smoothgrad', 'vargrad'] },
    });
    const { jobId } = asked.json();
    for (let i = 0; i < 600; i++) {
      const job = await app.prisma.job.findUniqueOrThrow({ where: { id: jobId } });
      if (job.state === 'running' && job.progress > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancelled = await app.inject({ method: 'DELETE', url: `/api/jobs/${jobId}`, headers: radiologist.write });
    expect(cancelled.json().state).toBe('cancelled');
    const bullJob = await app.queues.explain.getJob(jobId);
    for (let i = 0; i < 300 && !(await bullJob?.isCompleted()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await bullJob?.isCompleted()).toBe(true);
    expect(bullJob && (await app.queues.explain.getJob(jobId))?.returnvalue).toEqual({ cancelled: true });
    expect(await app.prisma.explanation.count()).toBe(before);
    expect((await app.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('cancelled');
  }, 120_000);
});
