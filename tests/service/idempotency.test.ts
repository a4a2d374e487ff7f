import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  registerTinyModel,
  signIn,
  startService,
  type TService,
  type TSignedIn,
  uploadCase,
  waitForJob,
} from './harness';

let service: TService;
let radiologist: TSignedIn;
let modelId: string;
let caseId: string;

beforeAll(async () => {
  service = await startService();
  await service.startWorker();
  radiologist = await signIn(service.test.app, 'radiologist');
  modelId = (await registerTinyModel(service, await signIn(service.test.app, 'ml_engineer'))).id;
  caseId = (await uploadCase(service, radiologist)).json().id;
});

afterAll(async () => {
  await service?.close();
});

const ask = (payload: Record<string, unknown>, key?: string) =>
  service.test.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/explanations`,
    headers: { ...radiologist.write, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });

describe('explanation requests are idempotent', () => {
  it('turns 20 concurrent requests with one Idempotency-Key into one job and one result', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => ask({ modelId, methods: ['saliency', 'gradcam'] }, 'key-20-concurrent')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(202));
    const ids = new Set(responses.map((r) => r.json().jobId));
    expect(ids.size).toBe(1);
    const [jobId] = [...ids] as [string];

    const job = await waitForJob(service, radiologist, jobId);
    expect(job.state).toBe('completed');
    const app = service.test.app;
    expect(await app.prisma.job.count()).toBe(1);
    expect(await app.prisma.explanation.count()).toBe(1);
    expect(await app.prisma.auditEvent.count({ where: { action: 'explanation.create' } })).toBe(1);
    const counts = await app.queues.explain.getJobCounts('completed', 'waiting', 'active', 'failed');
    expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(1);

    // The same request without a key, methods in another order, finds the same job: the id is deterministic.
    const again = await ask({ modelId, methods: ['gradcam', 'saliency'] });
    expect(again.json()).toEqual({ jobId, state: 'completed' });
  });

  it('refuses an Idempotency-Key reused for a different request with 409', async () => {
    const first = await ask({ modelId, methods: ['saliency'] }, 'key-reused');
    expect(first.statusCode).toBe(202);
    const second = await ask({ modelId, methods: ['gradcam'] }, 'key-reused');
    expect(second.statusCode).toBe(409);
    expect(second.json().message).toMatch(/Idempotency-Key/);
  });

  it('validates methods and target before queueing', async () => {
    expect((await ask({ modelId, methods: ['nope'] })).statusCode).toBe(400);
    expect((await ask({ modelId, methods: ['saliency'], target: 7 })).statusCode).toBe(400);
    expect((await ask({ modelId, methods: ['saliency'], target: 'zzz' })).statusCode).toBe(400);
    expect((await ask({ modelId: '00000000-0000-4000-8000-000000000000', methods: ['saliency'] })).statusCode).toBe(
      404,
    );
    const byLabel = await ask({ modelId, methods: ['saliency'], target: 'b' });
    expect(byLabel.statusCode).toBe(202);
    const done = await waitForJob(service, radiologist, byLabel.json().jobId);
    const explanation = (
      await service.test.app.inject({
        method: 'GET',
        url: `/api/explanations/${done.explanationId}`,
        headers: radiologist.read,
      })
    ).json();
    expect(explanation.targetLabel).toBe('b');
  });
});

describe('a job whose input is bad', () => {
  it('fails at once, without retrying, with the reason on GET /api/jobs/:id', async () => {
    const app = service.test.app;
    const garbage = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const sha = 'f'.repeat(64);
    await app.prisma.blob.create({
      data: { sha256: sha, bytes: garbage, size: garbage.length, contentType: 'image/png' },
    });
    const broken = await app.prisma.case.create({
      data: { inputSha256: sha, storedSha256: sha, format: 'png', width: 8, height: 8 },
    });
    const asked = await service.test.app.inject({
      method: 'POST',
      url: `/api/cases/${broken.id}/explanations`,
      headers: radiologist.write,
      payload: { modelId, methods: ['saliency'] },
    });
    const job = await waitForJob(service, radiologist, asked.json().jobId);
    expect(job).toMatchObject({ state: 'failed', errorCode: 'INVALID_IMAGE', attempts: 1 });
    expect(job.error).toMatch(/PNG/);
    const bullJob = await app.queues.explain.getJob(job.id);
    expect(bullJob?.attemptsMade).toBe(1);
  });
});
