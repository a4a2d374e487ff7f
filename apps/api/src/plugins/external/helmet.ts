import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

/** Security headers on every answer; the API only serves JSON, PNG, NPY, CSV and event streams. */
export default fp(async (app) => {
  await app.register(helmet, { contentSecurityPolicy: { directives: { defaultSrc: ["'none'"] } } });
});
