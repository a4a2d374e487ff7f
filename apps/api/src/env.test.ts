import { describe, expect, it } from 'vitest';
import { parseApiEnv } from './env';

describe('parseApiEnv', () => {
  it('fills the defaults', () => {
    expect(parseApiEnv({})).toEqual({
      ok: true,
      env: {
        API_PORT: 3001,
        API_HOST: '0.0.0.0',
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
        REDIS_URL: 'redis://127.0.0.1:6379',
        LOG_LEVEL: 'info',
      },
    });
  });

  it('lists every bad variable, by name', () => {
    const parsed = parseApiEnv({ API_PORT: 'eighty', DATABASE_URL: 'mysql://h/db', LOG_LEVEL: 'loud' });
    expect(parsed.ok).toBe(false);
    const problems = parsed.ok ? [] : parsed.problems;
    expect(problems).toHaveLength(3);
    expect(problems).toContain('API_PORT: must be a port number');
    expect(problems).toContain('DATABASE_URL: must be a postgresql:// URL');
    expect(problems.some((p) => p.startsWith('LOG_LEVEL: '))).toBe(true);
  });
});
