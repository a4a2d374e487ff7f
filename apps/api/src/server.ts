/** The API process: parse the environment, listen, and close gracefully on SIGINT/SIGTERM. */
import { buildApp } from './app';
import { loadApiEnv, settingsFromEnv } from './env';

/** Requests still running after this long at shutdown are cut off. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

const env = loadApiEnv();
const app = await buildApp({
  databaseUrl: env.DATABASE_URL,
  redisUrl: env.REDIS_URL,
  logger: { level: env.LOG_LEVEL },
  queuePrefix: env.QUEUE_PREFIX,
  settings: settingsFromEnv(env),
  trustProxy: env.API_TRUST_PROXY,
});
if (!env.PSEUDONYM_SECRET) {
  app.log.warn(
    'PSEUDONYM_SECRET is not set: using the development key, so pseudonyms are guessable (never in production)',
  );
}

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) {
    app.log.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }
  stopping = true;
  app.log.info({ signal }, 'signal received, closing');
  setTimeout(() => {
    app.log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'close took too long: exiting');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      app.log.error({ err: error }, 'close failed');
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  await app.listen({ port: env.API_PORT, host: env.API_HOST });
} catch (error) {
  app.log.fatal({ err: error }, 'cannot listen');
  await app.close();
  process.exit(1);
}
