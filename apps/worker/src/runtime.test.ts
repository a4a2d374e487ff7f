import { randomUUID } from 'node:crypto';
import { DEFAULT_JOB_OPTIONS, LightboxError, QUEUE_PREFIX } from '@lightbox/contracts';
import { Queue, QueueEvents } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from './log';
import { defineProcessor } from './processors/processor';
import { startWorkerRuntime, type TWorkerRuntime } from './runtime';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet = createLogger('silent');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: Partial<Parameters<typeof startWorkerRuntime>[0]> = {}): Promise<TWorkerRuntime> {
  const runtime = await startWorkerRuntime({
    redisUrl: REDIS_URL,
    concurrency: 1,
    health: { port: 0, host: '127.0.0.1' },
    processors: [],
    logger: quiet,
    ...options,
  });
  cleanups.push(runtime.close);
  return runtime;
}

function uniqueQueue(): string {
  return `test-${randomUUID()}`;
}

/** A producer for one test queue, removed from Redis afterwards. */
function producer(name: string): { queue: Queue; events: QueueEvents } {
  const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: QUEUE_PREFIX });
  const events = new QueueEvents(name, { connection: { url: REDIS_URL }, prefix: QUEUE_PREFIX });
  cleanups.push(async () => {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });
  return { queue, events };
}

describe('startWorkerRuntime', () => {
  it('serves GET /health with Redis status, then closes cleanly, twice', async () => {
    const runtime = await start();

    const response = await fetch(`http://127.0.0.1:${runtime.healthPort}/health`);
    const body = (await response.json()) as { status: string; redis: { ok: boolean; latencyMs: number } };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.redis.ok).toBe(true);
    expect(body.redis.latencyMs).toBeGreaterThanOrEqual(0);

    const other = await fetch(`http://127.0.0.1:${runtime.healthPort}/metrics`);
    expect(other.status).toBe(404);

    await runtime.close();
    await runtime.close();
    await expect(fetch(`http://127.0.0.1:${runtime.healthPort}/health`)).rejects.toThrow();
  });

  it('reports degraded (503) when Redis cannot be reached, and still closes promptly', async () => {
    const runtime = await start({ redisUrl: 'redis://127.0.0.1:1', healthTimeoutMs: 300 });

    const response = await fetch(`http://127.0.0.1:${runtime.healthPort}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'degraded', redis: { ok: false } });

    const started = Date.now();
    await runtime.close();
    // Without a bound on reconnecting, close() would wait for Redis forever; 10 s leaves room for a loaded CI machine.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails to start, without leaking connections, when the health port is taken', async () => {
    const first = await start();
    await expect(start({ health: { port: first.healthPort, host: '127.0.0.1' } })).rejects.toThrow(/EADDRINUSE/);
  });

  it('runs a registered processor on its queue with the default job options', async () => {
    const name = uniqueQueue();
    const { queue, events } = producer(name);
    await start({
      processors: [
        defineProcessor({
          queue: name,
          schema: z.object({ values: z.array(z.number()) }),
          handle: async (payload, context) => {
            await context.reportProgress(0.5);
            return payload.values.reduce((sum, value) => sum + value, 0);
          },
        }),
      ],
    });
    await events.waitUntilReady();

    const job = await queue.add('sum', { values: [1, 2, 3.5] }, { ...DEFAULT_JOB_OPTIONS, jobId: 'sum-1' });
    const result = await job.waitUntilFinished(events, 10_000);

    expect(result).toBe(6.5);
    const stored = await queue.getJob('sum-1');
    expect(stored?.progress).toBe(0.5);
  });

  it('fails a job with a bad payload or a LightboxError about its input at once, without retrying', async () => {
    const name = uniqueQueue();
    const { queue, events } = producer(name);
    await start({
      processors: [
        defineProcessor({
          queue: name,
          schema: z.object({ caseId: z.uuid() }),
          handle: async () => {
            throw new LightboxError('INVALID_IMAGE', 'The case image is not a PNG, JPEG or DICOM file');
          },
        }),
      ],
    });
    await events.waitUntilReady();
    const options = { ...DEFAULT_JOB_OPTIONS, attempts: 3, backoff: { type: 'fixed' as const, delay: 10 } };

    const bad = await queue.add('x', { caseId: 'nope' }, { ...options, jobId: 'bad-payload' });
    await expect(bad.waitUntilFinished(events, 10_000)).rejects.toThrow(/invalid payload: caseId: Invalid UUID/);
    const invalid = await queue.add('x', { caseId: randomUUID() }, { ...options, jobId: 'bad-image' });
    await expect(invalid.waitUntilFinished(events, 10_000)).rejects.toThrow(
      /INVALID_IMAGE: The case image is not a PNG/,
    );

    expect((await queue.getJob('bad-payload'))?.attemptsMade).toBe(1);
    expect((await queue.getJob('bad-image'))?.attemptsMade).toBe(1);
  });
});
