/** The worker process: parse the environment, start the runtime, stop gracefully on SIGINT/SIGTERM. */
import { createPrismaClient } from '@lightbox/db';
import { loadWorkerEnv } from './env';
import { createLogger } from './log';
import { createProcessors } from './processors/registry';
import { startWorkerRuntime } from './runtime';

/** A job still running after this long at shutdown is abandoned; BullMQ hands it to another worker as stalled. */
const SHUTDOWN_TIMEOUT_MS = 50_000;

const env = loadWorkerEnv();
const log = createLogger(env.LOG_LEVEL);
const prisma = createPrismaClient({ url: env.DATABASE_URL, maxConnections: Math.max(4, env.WORKER_CONCURRENCY * 3) });
const registry = createProcessors({
  prisma,
  modelCacheSize: env.MODEL_CACHE_SIZE,
  lockDuration: env.EXPLAIN_LOCK_DURATION_MS,
  stalledInterval: env.STALLED_INTERVAL_MS,
});
const runtime = await startWorkerRuntime({
  redisUrl: env.REDIS_URL,
  concurrency: env.WORKER_CONCURRENCY,
  health: { port: env.HEALTH_PORT, host: env.HEALTH_HOST },
  processors: registry.processors,
  logger: log,
  prefix: env.QUEUE_PREFIX,
});

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    log.warn('second signal: exiting without waiting', { signal });
    process.exit(1);
  }
  stopping = true;
  log.info('signal received, shutting down', { signal });
  setTimeout(() => {
    log.error('shutdown took too long: exiting', { timeoutMs: SHUTDOWN_TIMEOUT_MS });
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  runtime
    .close()
    .then(() => registry.close())
    .then(() => prisma.$disconnect())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
