import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3 document built from the routes' zod schemas; served by routes/openapi. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Lightbox API',
          description: 'Audit the image classifiers a hospital deploys, by showing why they decide.',
          version: '0.1.0',
        },
      },
      transform: jsonSchemaTransform,
    });
  },
  { name: 'swagger' },
);
