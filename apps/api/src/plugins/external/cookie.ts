import cookie from '@fastify/cookie';
import fp from 'fastify-plugin';

/** Parses the Cookie header into request.cookies (the session cookie is read by plugins/app/access-control). */
export default fp(async (app) => {
  await app.register(cookie);
});
