import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from './testing/build-test-app';

let test: TTestApp;

beforeAll(async () => {
  test = await buildTestApp();
});

afterAll(async () => {
  await test?.close();
});

describe('buildApp', () => {
  it('serves the OpenAPI document built from the route schemas', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/openapi.json' });

    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Lightbox API');
    const health = doc.paths['/api/health'].get;
    expect(Object.keys(health.responses).sort()).toEqual(['200', '503']);
    expect(health.responses['200'].content['application/json'].schema.properties.status.enum).toEqual([
      'ok',
      'degraded',
    ]);
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('documents every route with its responses, uploads as multipart/form-data', async () => {
    const doc = (await test.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const key of test.app.routeRoles.keys()) {
      const [method, path] = key.split(' ') as [string, string];
      const openapiPath = path.replace(/:(\w+)/g, '{$1}');
      const operation = doc.paths[openapiPath]?.[method.toLowerCase()];
      expect([key, operation !== undefined]).toEqual([key, true]);
      expect([key, Object.keys(operation.responses).length > 0]).toEqual([key, true]);
    }
    expect(Object.keys(doc.paths['/api/models'].post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual([
      'email',
      'password',
    ]);
  });

  it('echoes the caller’s x-request-id in error bodies', async () => {
    const response = await test.app.inject({
      method: 'GET',
      url: '/api/nope',
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', requestId: 'trace-123' });
  });

  it('releases Redis when closed', async () => {
    const other = await buildTestApp();
    await other.close();
    expect(other.app.redis.status).toBe('end');
  });
});
