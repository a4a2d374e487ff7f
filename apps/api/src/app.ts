import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_APP_SETTINGS, type TAppSettings } from './app-settings';
import accessControl from './plugins/app/access-control';
import audit from './plugins/app/audit';
import cpuPool from './plugins/app/cpu-pool';
import errorHandler from './plugins/app/error-handler';
import prisma from './plugins/app/prisma';
import queues from './plugins/app/queues';
import rateLimit from './plugins/app/rate-limit';
import redis from './plugins/app/redis';
import settingsPlugin from './plugins/app/settings';
import cookie from './plugins/external/cookie';
import helmet from './plugins/external/helmet';
import multipart from './plugins/external/multipart';
import swagger from './plugins/external/swagger';
import auditRoutes from './routes/audit/index';
import authRoutes from './routes/auth/index';
import caseRoutes from './routes/cases/index';
import explanationRoutes from './routes/explanations/index';
import healthRoutes from './routes/health/index';
import jobRoutes from './routes/jobs/index';
import modelRoutes from './routes/models/index';
import openapiRoutes from './routes/openapi/index';
import reviewRoutes from './routes/reviews/index';
import userRoutes from './routes/users/index';

export type TBuildAppOptions = {
  databaseUrl: string;
  redisUrl: string;
  /** Fastify's logger option: false (default) in tests, `{ level }` in the server. */
  logger?: FastifyServerOptions['logger'];
  /** Redis key prefix of the queues (default QUEUE_PREFIX); tests use their own. */
  queuePrefix?: string;
  /** Deadline of each health check (default 1000 ms). */
  healthTimeoutMs?: number;
  /** Behaviour settings; DEFAULT_APP_SETTINGS fills what is missing. */
  settings?: Partial<TAppSettings>;
  /**
   * Whose X-Forwarded-For to believe for the audited source IP (proxy-addr syntax). Default 'loopback': the web app's
   * /api proxy on the same machine, and nobody else, so a client cannot forge its address in the audit trail.
   */
  trustProxy?: boolean | string;
  /** Polling and heartbeat of GET /api/jobs/:id/events (tests make them fast). */
  jobEvents?: { eventPollMs?: number; heartbeatMs?: number };
};

/**
 * Builds the API: external plugins, then app plugins (error handler, Prisma, Redis, queues, access control, audit),
 * then routes under /api. Not yet listening nor ready: a test may register more before `ready()`; `close()` releases
 * every connection.
 */
export async function buildApp(options: TBuildAppOptions) {
  const settings: TAppSettings = { ...DEFAULT_APP_SETTINGS, ...options.settings };
  const app = Fastify({
    logger: options.logger ?? false,
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? 'loopback',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger);
  await app.register(cookie);
  await app.register(helmet);
  await app.register(multipart);

  await app.register(settingsPlugin, { settings });
  await app.register(errorHandler);
  await app.register(prisma, { databaseUrl: options.databaseUrl });
  await app.register(redis, { redisUrl: options.redisUrl });
  await app.register(queues, options.queuePrefix === undefined ? {} : { prefix: options.queuePrefix });
  await app.register(audit);
  await app.register(accessControl);
  await app.register(rateLimit);
  await app.register(cpuPool);

  await app.register(
    async (api) => {
      await api.register(
        healthRoutes,
        options.healthTimeoutMs === undefined ? {} : { timeoutMs: options.healthTimeoutMs },
      );
      await api.register(openapiRoutes);
      await api.register(authRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(modelRoutes);
      await api.register(caseRoutes);
      await api.register(explanationRoutes);
      await api.register(jobRoutes, options.jobEvents ?? {});
      await api.register(reviewRoutes);
    },
    { prefix: '/api' },
  );

  return app;
}

export type TApp = Awaited<ReturnType<typeof buildApp>>;
