import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';

/**
 * Per-IP rate limits, only on routes that set `config.rateLimit` (sign-in), counted in Redis so every API instance
 * shares them. A request over the limit gets 429 RATE_LIMITED and is audited (`auth.rate_limited`).
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      redis: app.redis,
      nameSpace: `${app.queues.explain.opts.prefix ?? 'lightbox'}-rate-limit-`,
      skipOnError: true,
      onExceeded: (request) => {
        app
          .audit(request, {
            action: 'auth.rate_limited',
            outcome: 'denied',
            details: { method: request.method, route: request.routeOptions.url ?? null, status: 429 },
          })
          .catch((error: unknown) => request.log.warn({ err: error }, 'could not audit a rate-limit refusal'));
      },
    });
  },
  { name: 'rate-limit', dependencies: ['redis', 'queues', 'audit'] },
);
