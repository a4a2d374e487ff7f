import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TTestDatabase } from '@lightbox/db';
import { buildApp, type TApp, type TBuildAppOptions } from '../app';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export type TTestApp = {
  app: TApp;
  db: TTestDatabase;
  /** Closes the app, removes its queues from Redis and drops its schema. */
  close: () => Promise<void>;
};

/**
 * The API against the real Postgres and Redis, isolated: its own migrated schema and its own queue prefix.
 * Ready to `inject`. Call `close()` in afterAll.
 */
export async function buildTestApp(overrides: Partial<TBuildAppOptions> = {}): Promise<TTestApp> {
  const db = await createTestDatabase();
  const app = await buildApp({
    databaseUrl: db.url,
    redisUrl: TEST_REDIS_URL,
    queuePrefix: `test-${randomBytes(6).toString('hex')}`,
    ...overrides,
  });
  await app.ready();
  let closed = false;
  return {
    app,
    db,
    close: async () => {
      if (closed) return;
      closed = true;
      if (app.redis.status === 'ready') {
        await Promise.all(Object.values(app.queues).map((queue) => queue.obliterate({ force: true })));
      }
      await app.close();
      await db.drop();
    },
  };
}
