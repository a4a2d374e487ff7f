import { readFileSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from '@lightbox/db';
import type { TAppSettings } from '../../apps/api/src/app-settings';
import { buildTestApp, TEST_REDIS_URL, type TTestApp } from '../../apps/api/src/testing/build-test-app';
import { multipart } from '../../apps/api/src/testing/multipart';
import { signIn, type TSignedIn } from '../../apps/api/src/testing/sign-in';
import { createLogger } from '../../apps/worker/src/log';
import { createProcessors } from '../../apps/worker/src/processors/registry';
import { startWorkerRuntime, type TWorkerRuntime } from '../../apps/worker/src/runtime';

export { multipart, signIn, type TSignedIn };

const MODELS = new URL('../malformed/models/', import.meta.url);
/** The 1×8×8 → 3-class CNN the malformed-model corpus is built around: fast enough for every test. */
export const TINY_MODEL = new Uint8Array(readFileSync(new URL('tiny.onnx', MODELS)));
export const TINY_CARD = JSON.parse(readFileSync(new URL('tiny.card.json', MODELS), 'utf8')) as Record<string, unknown>;
export const GRAY_PNG = new Uint8Array(
  readFileSync(new URL('../../packages/engine/test/fixtures/images/png/gray-8.png', import.meta.url)),
);

export type TService = {
  test: TTestApp;
  prefix: string;
  /** Starts an in-process worker on the app's database and queue prefix. */
  startWorker: (overrides?: { lockDuration?: number; stalledInterval?: number }) => Promise<TWorkerRuntime>;
  close: () => Promise<void>;
};

/** The API (real Postgres schema, own queue prefix) plus in-process workers on the same database and queues. */
export async function startService(settings: Partial<TAppSettings> = {}): Promise<TService> {
  const test = await buildTestApp({ settings, jobEvents: { eventPollMs: 100 } });
  const prefix = test.app.queues.explain.opts.prefix!;
  const workers: Array<{ runtime: TWorkerRuntime; prisma: PrismaClient; close: () => Promise<void> }> = [];
  return {
    test,
    prefix,
    startWorker: async (overrides = {}) => {
      const prisma = createPrismaClient({ url: test.db.url, maxConnections: 4 });
      const registry = createProcessors({
        prisma,
        modelCacheSize: 2,
        lockDuration: overrides.lockDuration ?? 30_000,
        stalledInterval: overrides.stalledInterval ?? 30_000,
      });
      const runtime = await startWorkerRuntime({
        redisUrl: TEST_REDIS_URL,
        concurrency: 1,
        health: { port: 0, host: '127.0.0.1' },
        processors: registry.processors,
        logger: createLogger('silent'),
        prefix,
      });
      workers.push({ runtime, prisma, close: registry.close });
      return runtime;
    },
    close: async () => {
      for (const worker of workers.splice(0)) {
        await worker.runtime.close();
        await worker.close();
        await worker.prisma.$disconnect();
      }
      await test.close();
    },
  };
}

export async function registerTinyModel(
  service: TService,
  session: TSignedIn,
  version = '1.0.0',
): Promise<{ id: string }> {
  const body = multipart([
    { name: 'model', value: TINY_MODEL, filename: 'tiny.onnx' },
    { name: 'card', value: JSON.stringify({ ...TINY_CARD, version }) },
  ]);
  const response = await service.test.app.inject({
    method: 'POST',
    url: '/api/models',
    payload: body.payload,
    headers: { ...body.headers, ...session.write },
  });
  if (response.statusCode !== 201)
    throw new Error(`model registration failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function uploadCase(service: TService, session: TSignedIn, bytes: Uint8Array = GRAY_PNG) {
  const body = multipart([{ name: 'file', value: bytes, filename: 'case.png' }]);
  return service.test.app.inject({
    method: 'POST',
    url: '/api/cases',
    payload: body.payload,
    headers: { ...body.headers, ...session.write },
  });
}

/** Polls GET /api/jobs/:id until the job is in a final state. */
export async function waitForJob(service: TService, session: TSignedIn, jobId: string, timeoutMs = 60_000) {
  const started = Date.now();
  for (;;) {
    const job = (
      await service.test.app.inject({ method: 'GET', url: `/api/jobs/${jobId}`, headers: session.read })
    ).json();
    if (['completed', 'failed', 'cancelled'].includes(job.state) && (job.state !== 'completed' || job.explanationId))
      return job;
    if (Date.now() - started > timeoutMs) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
