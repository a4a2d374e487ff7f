import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { timedCheck } from '../../lib/timed-check';

const ZCheck = z.object({ ok: z.boolean(), latencyMs: z.number().int().min(0) });

export const ZHealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  database: ZCheck,
  redis: ZCheck,
  /** depth: jobs waiting to start (waiting, prioritized and delayed); null when the queue cannot be read. */
  queue: z.object({ ok: z.boolean(), depth: z.number().int().min(0).nullable() }),
});
export type THealthResponse = z.infer<typeof ZHealthResponse>;

export type THealthRoutesOptions = { timeoutMs?: number };

/** GET /api/health: 200 when Postgres, Redis and the explain queue all answer in time, 503 otherwise. */
const healthRoutes: FastifyPluginAsyncZod<THealthRoutesOptions> = async (app, options) => {
  const timeoutMs = options.timeoutMs ?? 1_000;

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness and dependencies',
        response: { 200: ZHealthResponse, 503: ZHealthResponse },
      },
    },
    async (_request, reply) => {
      const [database, redis, queue] = await Promise.all([
        timedCheck(() => app.prisma.$queryRaw`SELECT 1`, timeoutMs),
        timedCheck(() => app.redis.ping(), timeoutMs),
        timedCheck(() => app.queues.explain.getJobCounts('waiting', 'prioritized', 'delayed'), timeoutMs),
      ]);
      for (const [name, check] of Object.entries({ database, redis, queue })) {
        if (!check.ok) app.log.warn({ err: check.error, dependency: name }, 'health check failed');
      }
      const body: THealthResponse = {
        status: database.ok && redis.ok && queue.ok ? 'ok' : 'degraded',
        database: { ok: database.ok, latencyMs: database.latencyMs },
        redis: { ok: redis.ok, latencyMs: redis.latencyMs },
        queue: queue.ok
          ? { ok: true, depth: Object.values(queue.value).reduce((sum, count) => sum + count, 0) }
          : { ok: false, depth: null },
      };
      return reply.code(body.status === 'ok' ? 200 : 503).send(body);
    },
  );
};

export default healthRoutes;
