import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from './env';

describe('parseWorkerEnv', () => {
  it('fills the defaults', () => {
    expect(parseWorkerEnv({})).toEqual({
      ok: true,
      env: {
        REDIS_URL: 'redis://127.0.0.1:6379',
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
        WORKER_CONCURRENCY: 1,
        HEALTH_PORT: 3002,
        HEALTH_HOST: '0.0.0.0',
        QUEUE_PREFIX: 'lightbox',
        EXPLAIN_LOCK_DURATION_MS: 120_000,
        STALLED_INTERVAL_MS: 30_000,
        MODEL_CACHE_SIZE: 2,
        LOG_LEVEL: 'info',
      },
    });
  });

  it('coerces numbers from strings', () => {
    const parsed = parseWorkerEnv({ WORKER_CONCURRENCY: '4', HEALTH_PORT: '9000' });
    expect(parsed.ok && parsed.env.WORKER_CONCURRENCY).toBe(4);
    expect(parsed.ok && parsed.env.HEALTH_PORT).toBe(9000);
  });

  it('lists every bad variable, by name', () => {
    const parsed = parseWorkerEnv({ REDIS_URL: 'http://x', WORKER_CONCURRENCY: 'zero', HEALTH_PORT: '70000' });
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toBe('REDIS_URL: must be a redis:// or rediss:// URL');
    expect(problems[1]).toBe('WORKER_CONCURRENCY: must be a number of jobs');
    expect(problems[2]).toBe('HEALTH_PORT: must be a port number from 0 to 65535');
  });
});
