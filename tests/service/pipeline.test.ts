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
let ml: TSignedIn;
let compliance: TSignedIn;

beforeAll(async () => {
  service = await startService();
  await service.startWorker();
  radiologist = await signIn(service.test.app, 'radiologist');
  ml = await signIn(service.test.app, 'ml_engineer');
  compliance = await signIn(service.test.app, 'compliance');
});

afterAll(async () => {
  await service?.close();
});

describe('upload → explain → review → audit', () => {
  it('runs the whole path with two methods and leaves a verifiable audit trail', async () => {
    const app = service.test.app;
    const model = await registerTinyModel(service, ml);
    const upload = await uploadCase(service, radiologist);
    expect(upload.statusCode).toBe(201);
    const caseId = upload.json().id;

    const asked = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.write,
      payload: { modelId: model.id, methods: ['gradcam', 'saliency'] },
    });
    expect(asked.statusCode).toBe(202);
    const { jobId } = asked.json();
    expect(jobId).toMatch(/^explain-[0-9a-f]{40}$/);

    const events = await app.inject({ method: 'GET', url: `/api/jobs/${jobId}/events`, headers: radiologist.read });
    expect(events.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(events.body).toMatch(/event: completed\ndata: /);
    const job = await waitForJob(service, radiologist, jobId);
    expect(job).toMatchObject({ state: 'completed', progress: 1 });

    const explanation = await app.inject({
      method: 'GET',
      url: `/api/explanations/${job.explanationId}`,
      headers: radiologist.read,
    });
    expect(explanation.statusCode).toBe(200);
    const body = explanation.json();
    expect(body.model).toMatchObject({ id: model.id, name: 'tiny', version: '1.0.0' });
    expect(body.scores).toHaveLength(3);
    expect(body.scores.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
    expect(body.methods.map((m: { method: string }) => m.method).sort()).toEqual(['gradcam', 'saliency']);
    for (const method of body.methods) {
      const png = await app.inject({ method: 'GET', url: method.mapUrl, headers: radiologist.read });
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      const npy = await app.inject({ method: 'GET', url: method.rawUrl, headers: radiologist.read });
      expect(npy.rawPayload.subarray(1, 6).toString()).toBe('NUMPY');
      expect(method.timings.computeMs).toBeGreaterThanOrEqual(0);
    }

    const listed = await app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.read,
    });
    expect(listed.json().items).toEqual([
      expect.objectContaining({ id: body.id, jobId, methods: expect.arrayContaining(['gradcam', 'saliency']) }),
    ]);

    const review = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/reviews`,
      headers: radiologist.write,
      payload: {
        explanationId: body.id,
        verdict: 'agree',
        note: 'Looks right',
        region: { type: 'rect', x: 1, y: 1, width: 3, height: 3 },
      },
    });
    expect(review.statusCode).toBe(201);

    const exported = await app.inject({
      method: 'GET',
      url: `/api/audit/export?format=fhir&caseId=${caseId}`,
      headers: compliance.read,
    });
    const actions = exported
      .json()
      .entry.map((e: { resource: { subtype: Array<{ code: string }> } }) => e.resource.subtype[0]!.code);
    expect(actions).toEqual(
      expect.arrayContaining([
        'case.upload',
        'explanation.request',
        'explanation.create',
        'explanation.read',
        'review.create',
      ]),
    );
    const created = await app.prisma.auditEvent.findMany({ where: { action: 'explanation.create' } });
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ caseId, modelName: 'tiny', method: 'gradcam,saliency' });

    const verify = await app.inject({ method: 'GET', url: '/api/audit/verify', headers: compliance.read });
    expect(verify.json()).toMatchObject({ valid: true });
  });
});
