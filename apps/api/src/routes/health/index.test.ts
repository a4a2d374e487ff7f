import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TTestApp } from '../../testing/build-test-app';
import type { THealthResponse } from './index';

const apps: TTestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});
afterAll(async () => {
  for (const app of apps.splice(0)) await app.close();
});

async function start(overrides: Parameters<typeof buildTestApp>[0] = {}): Promise<TTestApp> {
  const test = await buildTestApp(overrides);
  apps.push(test);
  return test;
}

describe('GET /api/health', () => {
  it('answers 200 ok when Postgres, Redis and the queue answer', async () => {
    const { app } = await start();

    const response = await app.inject({ method: 'GET', url: '/api/health' });

    expect(response.statusCode).toBe(200);
    const body = response.json<THealthResponse>();
    expect(body).toEqual({
      status: 'ok',
      database: { ok: true, latencyMs: expect.any(Number) },
      redis: { ok: true, latencyMs: expect.any(Number) },
      queue: { ok: true, depth: 0 },
    });
  });

  it('counts the explain jobs waiting to start as the queue depth', async () => {
    const { app } = await start();
    await app.queues.explain.add('explain', { n: 1 }, { jobId: 'health-depth-1' });
    await app.queues.explain.add('explain', { n: 2 }, { jobId: 'health-depth-2', delay: 60_000 });
    await app.queues.explain.add('explain', { n: 1 }, { jobId: 'health-depth-1' });

    const body = (await app.inject({ method: 'GET', url: '/api/health' })).json<THealthResponse>();

    expect(body.queue).toEqual({ ok: true, depth: 2 });
  });

  it('answers 503 degraded, naming Redis and the queue, when Redis is unreachable', async () => {
    const { app } = await start({ redisUrl: 'redis://127.0.0.1:1', healthTimeoutMs: 500 });

    const response = await app.inject({ method: 'GET', url: '/api/health' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'degraded',
      database: { ok: true },
      redis: { ok: false },
      queue: { ok: false, depth: null },
    });
  });

  it('answers 503 degraded, naming the database, when Postgres is unreachable', async () => {
    const { app } = await start({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/test', healthTimeoutMs: 2_000 });

    const response = await app.inject({ method: 'GET', url: '/api/health' });

    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'degraded',
      database: { ok: false },
      redis: { ok: true },
      queue: { ok: true },
    });
  });
});
