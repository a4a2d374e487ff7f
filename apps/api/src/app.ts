import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import errorHandler from './plugins/app/error-handler';
import prisma from './plugins/app/prisma';
import queues from './plugins/app/queues';
import redis from './plugins/app/redis';
import swagger from './plugins/external/swagger';
import healthRoutes from './routes/health/index';
import openapiRoutes from './routes/openapi/index';

export type TBuildAppOptions = {
  databaseUrl: string;
  redisUrl: string;
  /** Fastify's logger option: false (default) in tests, `{ level }` in the server. */
  logger?: FastifyServerOptions['logger'];
  /** Redis key prefix of the queues (default QUEUE_PREFIX); tests use their own. */
  queuePrefix?: string;
  /** Deadline of each health check (default 1000 ms). */
  healthTimeoutMs?: number;
};

/**
 * Builds the API: external plugins, then app plugins (error handler, Prisma, Redis, queues), then routes under
 * /api. Not yet listening nor ready: a test may register more before `ready()`; `close()` releases every connection.
 */
export async function buildApp(options: TBuildAppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger);

  await app.register(errorHandler);
  await app.register(prisma, { databaseUrl: options.databaseUrl });
  await app.register(redis, { redisUrl: options.redisUrl });
  await app.register(queues, options.queuePrefix === undefined ? {} : { prefix: options.queuePrefix });

  await app.register(
    async (api) => {
      await api.register(
        healthRoutes,
        options.healthTimeoutMs === undefined ? {} : { timeoutMs: options.healthTimeoutMs },
      );
      await api.register(openapiRoutes);
    },
    { prefix: '/api' },
  );

  return app;
}

export type TApp = Awaited<ReturnType<typeof buildApp>>;
