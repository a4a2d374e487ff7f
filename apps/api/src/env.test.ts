import { describe, expect, it } from 'vitest';
import { DEFAULT_APP_SETTINGS } from './app-settings';
import { parseApiEnv, settingsFromEnv } from './env';

describe('parseApiEnv', () => {
  it('fills the defaults', () => {
    const parsed = parseApiEnv({});
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.env).toMatchObject({
      NODE_ENV: 'development',
      API_PORT: 3001,
      API_HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'lightbox',
      LOG_LEVEL: 'info',
      KEEP_ORIGINAL_DICOM: false,
    });
    expect(settingsFromEnv(parsed.env)).toEqual(DEFAULT_APP_SETTINGS);
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

  it('requires a pseudonym secret in production, and makes cookies Secure there', () => {
    const missing = parseApiEnv({ NODE_ENV: 'production' });
    expect(missing.ok ? [] : missing.problems).toEqual([
      'PSEUDONYM_SECRET: is required in production (at least 32 random characters)',
    ]);
    const parsed = parseApiEnv({
      NODE_ENV: 'production',
      PSEUDONYM_SECRET: 'x'.repeat(32),
      KEEP_ORIGINAL_DICOM: 'true',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(settingsFromEnv(parsed.env)).toMatchObject({ cookieSecure: true, keepOriginalDicom: true });
  });
});
