import { describe, expect, it } from 'vitest';
import nextConfig, { apiOrigin } from './next.config';

describe('next.config', () => {
  it('sends /api/* to the API on API_PORT, 3001 by default', () => {
    expect(apiOrigin({})).toBe('http://127.0.0.1:3001');
    expect(apiOrigin({ API_PORT: '4000' })).toBe('http://127.0.0.1:4000');
    expect(apiOrigin({ API_PORT: '4000', API_INTERNAL_URL: 'http://api:3001' })).toBe('http://api:3001');
  });

  it('declares the rewrite', async () => {
    const rewrites = await nextConfig.rewrites?.();
    expect(rewrites).toEqual([{ source: '/api/:path*', destination: `${apiOrigin()}/api/:path*` }]);
  });
});
