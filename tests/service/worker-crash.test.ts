import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL } from '../../apps/api/src/testing/build-test-app';
import { multipart, signIn, startService, type TService, type TSignedIn, uploadCase, waitForJob } from './harness';
import { makeSlowModel } from './slow-model';

const WORKER_MAIN = fileURLToPath(new URL('../../apps/worker/src/main.ts', import.meta.url));

let service: TService;
let radiologist: TSignedIn;
const children: ChildProcess[] = [];

beforeAll(async () => {
  service = await startService();
  radiologist = await signIn(service.test.app, 'radiologist');
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await service?.close();
});

/** The real worker process (apps/worker/src/main.ts) on this test's schema and queues, with short stall checks. */
function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: service.test.db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: service.prefix,
      HEALTH_PORT: '0',
      HEALTH_HOST: '127.0.0.1',
      EXPLAIN_LOCK_DURATION_MS: '2000',
      STALLED_INTERVAL_MS: '1000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

async function until<T>(check: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a worker killed with SIGKILL in the middle of a job', () => {
  it('leaves the job to the next worker, which completes it with exactly one result and one audit event', async () => {
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
    expect(model.statusCode).toBe(201);
    const caseId = (await uploadCase(service, radiologist)).json().id;
    const asked = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/explanations`,
      headers: radiologist.write,
      payload: { modelId: model.json().id, methods: ['integrated-gradients', 'smoothgrad', 'gradcam'] },
    });
    const { jobId } = asked.json();

    const first = startWorkerProcess();
    await until(
      async () => ((await app.prisma.job.findUnique({ where: { id: jobId } }))?.state === 'running' ? true : undefined),
      60_000,
      'the first worker to start the job',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    expect(await app.prisma.explanation.count()).toBe(0);
    expect((await app.prisma.job.findUniqueOrThrow({ where: { id: jobId } })).state).toBe('running');

    startWorkerProcess();
    const job = await waitForJob(service, radiologist, jobId, 90_000);
    expect(job.state).toBe('completed');
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect(await app.prisma.explanation.count()).toBe(1);
    expect(await app.prisma.attributionMap.count()).toBe(3);
    expect(await app.prisma.auditEvent.count({ where: { action: 'explanation.create' } })).toBe(1);
  }, 180_000);
});
