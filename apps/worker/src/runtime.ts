import { QUEUE_PREFIX } from '@lightbox/contracts';
import { Worker } from 'bullmq';
import { startHealthServer, type THealthReport } from './health-server';
import { createLogger, type TLogger } from './log';
import type { TProcessor } from './processors/processor';
import { toBullProcessor } from './processors/processor';
import { createWorkerRedis, pingRedis } from './redis-connection';

export type TWorkerRuntimeOptions = {
  redisUrl: string;
  /** Jobs each queue's worker runs at once. */
  concurrency: number;
  health: { port: number; host: string };
  processors: readonly TProcessor[];
  logger?: TLogger;
  /** Redis key prefix of the queues (default QUEUE_PREFIX). */
  prefix?: string;
  /** How long a health check waits for Redis (default 1000 ms). */
  healthTimeoutMs?: number;
};

export type TWorkerHealth = THealthReport & { redis: { ok: boolean; latencyMs: number } };

export type TWorkerRuntime = {
  /** The port the health server bound. */
  healthPort: number;
  health: () => Promise<TWorkerHealth>;
  /** Stops taking jobs, waits for running ones, closes Redis and the health server. Safe to call more than once. */
  close: () => Promise<void>;
};

/**
 * Connects to Redis, starts one BullMQ worker per processor and the health server. Redis being down is not fatal:
 * the workers wait for it and the health check reports it.
 */
export async function startWorkerRuntime(options: TWorkerRuntimeOptions): Promise<TWorkerRuntime> {
  const log = options.logger ?? createLogger('info');
  const redis = createWorkerRedis(options.redisUrl);
  redis.on('error', (error: Error) => log.warn('redis connection error', { error: error.message }));

  const workers = options.processors.map((processor) => {
    const worker = new Worker(processor.queue, toBullProcessor(processor, log), {
      connection: redis,
      prefix: options.prefix ?? QUEUE_PREFIX,
      concurrency: options.concurrency,
      ...processor.workerOptions,
    });
    worker.on('failed', (job, error) => {
      log.warn('job failed', { queue: processor.queue, jobId: job?.id, error: error.message });
      processor
        .onFailed?.(job, error)
        .catch((hookError: unknown) =>
          log.error('failure hook failed', { queue: processor.queue, jobId: job?.id, error: String(hookError) }),
        );
    });
    worker.on('error', (error) => log.error('worker error', { queue: processor.queue, error: error.message }));
    return worker;
  });

  const health = async (): Promise<TWorkerHealth> => {
    const redisHealth = await pingRedis(redis, options.healthTimeoutMs ?? 1_000);
    return { status: redisHealth.ok ? 'ok' : 'degraded', redis: redisHealth };
  };

  const closeConnections = async (): Promise<void> => {
    await Promise.all(workers.map((worker) => worker.close()));
    if (redis.status === 'ready') await redis.quit();
    else redis.disconnect();
  };

  let server: Awaited<ReturnType<typeof startHealthServer>>;
  try {
    server = await startHealthServer({ ...options.health, check: health });
  } catch (error) {
    await closeConnections();
    throw error;
  }
  log.info('worker started', {
    queues: options.processors.map((processor) => processor.queue),
    concurrency: options.concurrency,
    healthPort: server.port,
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      log.info('worker stopping');
      await server.close();
      await closeConnections();
      log.info('worker stopped');
    })();
    return closing;
  };

  return { healthPort: server.port, health, close };
}
