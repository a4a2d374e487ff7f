import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis;
  }
}

/**
 * Decorates the app with the Redis connection queues produce on. A producer fails fast: a command gives up after
 * one reconnection attempt, so a request never hangs on a missing Redis.
 */
export default fp<{ redisUrl: string }>(
  async (app, options) => {
    const redis = new Redis(options.redisUrl, {
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      connectionName: 'lightbox-api',
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    redis.on('error', (error: Error) => app.log.warn({ err: error }, 'redis connection error'));
    app.decorate('redis', redis);
    app.addHook('onClose', async () => {
      if (redis.status === 'ready') await redis.quit();
      else redis.disconnect();
    });
  },
  { name: 'redis' },
);
