import { LightboxError } from '@lightbox/contracts';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import errorHandler, { mapError } from './error-handler';

const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();

beforeAll(async () => {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(errorHandler);
  app.get('/missing', async () => {
    throw new LightboxError('NOT_FOUND', 'Case 42 does not exist');
  });
  app.get('/bad-image', async () => {
    throw new LightboxError('INVALID_IMAGE', 'The file is not a PNG, JPEG or DICOM image', {
      details: { field: 'file' },
    });
  });
  app.get('/unavailable', async () => {
    throw new LightboxError('UNAVAILABLE', 'Cannot reach postgres at 10.1.2.3:5432');
  });
  app.get('/bug', async () => {
    throw new Error('secret: password=hunter2 in /srv/lightbox/config');
  });
  app.post(
    '/things',
    { schema: { body: z.object({ name: z.string().min(2), count: z.number().int() }) } },
    async (request) => ({
      name: request.body.name,
    }),
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('error handler', () => {
  it('maps a LightboxError code to its HTTP status and shows its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/missing', headers: { 'x-request-id': 'req-abc' } });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      code: 'NOT_FOUND',
      message: 'Case 42 does not exist',
      requestId: expect.any(String),
    });
  });

  it('passes a LightboxError’s details through', async () => {
    const response = await app.inject({ method: 'GET', url: '/bad-image' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      code: 'INVALID_IMAGE',
      message: 'The file is not a PNG, JPEG or DICOM image',
      details: { field: 'file' },
    });
  });

  it('hides the internals of a 5xx LightboxError', async () => {
    const response = await app.inject({ method: 'GET', url: '/unavailable' });
    expect(response.statusCode).toBe(503);
    expect(response.json().code).toBe('UNAVAILABLE');
    expect(response.body).not.toContain('10.1.2.3');
  });

  it('answers any other error as a 500 without its message', async () => {
    const response = await app.inject({ method: 'GET', url: '/bug' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'INTERNAL', message: 'Internal error', requestId: expect.any(String) });
    expect(response.body).not.toContain('hunter2');
  });

  it('turns a zod validation failure into 400 with every issue', async () => {
    const response = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', count: 1.5 } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('BAD_REQUEST');
    expect(body.message).toMatch(/^Invalid body: /);
    expect(body.details.issues).toHaveLength(2);
    expect(body.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['/count', '/name']);
  });

  it('keeps the status of Fastify’s own 4xx errors (malformed JSON)', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('BAD_REQUEST');
  });

  it('answers unknown routes with NOT_FOUND naming the route', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: 'No route DELETE /nowhere' });
  });
});

describe('mapError', () => {
  it('maps every LightboxError code through ERROR_CODES', () => {
    expect(mapError(new LightboxError('IMAGE_TOO_LARGE', 'too big')).status).toBe(413);
    expect(mapError(new LightboxError('UNSUPPORTED_IMAGE', 'tiff')).status).toBe(415);
    expect(mapError(new LightboxError('RATE_LIMITED', 'slow down')).status).toBe(429);
  });

  it('names rate limiting from a plugin’s 429', () => {
    const error = Object.assign(new Error('Rate limit exceeded'), { statusCode: 429 });
    expect(mapError(error)).toEqual({ status: 429, body: { code: 'RATE_LIMITED', message: 'Rate limit exceeded' } });
  });

  it('answers 503 when the database cannot be reached', () => {
    const error = Object.assign(new Error('Can’t reach database server at 10.0.0.9:5432'), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1001',
    });
    expect(mapError(error).status).toBe(503);
    expect(mapError(error).body.code).toBe('UNAVAILABLE');
    expect(mapError(error).body.message).not.toContain('10.0.0.9');
  });

  it('treats a non-Error throw as internal', () => {
    expect(mapError('oops')).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error' } });
  });
});
