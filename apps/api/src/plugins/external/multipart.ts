import multipart from '@fastify/multipart';
import fp from 'fastify-plugin';

/**
 * multipart/form-data bodies, each file read whole into a Buffer and attached to `request.body` by field name
 * ('keyValues'), so routes validate uploads with zod like any body. A route sets its own size limit in
 * `config.multipartOptions`; a larger file is refused with 413 while it streams in.
 */
export default fp(async (app) => {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: 1024 * 1024, files: 2, fields: 8, parts: 10 },
  });
});
