import { describe, expect, it } from 'vitest';
import { apiOrigin } from './api-origin';

describe('apiOrigin', () => {
  it('prefers API_INTERNAL_URL at run time, then the one built in, then API_PORT (3001 by default)', () => {
    expect(apiOrigin({}, undefined)).toBe('http://127.0.0.1:3001');
    expect(apiOrigin({ API_PORT: '4000' }, undefined)).toBe('http://127.0.0.1:4000');
    expect(apiOrigin({ API_PORT: '4000' }, 'http://api:3001')).toBe('http://api:3001');
    expect(apiOrigin({ API_PORT: '4000', API_INTERNAL_URL: 'http://other:1' }, 'http://api:3001')).toBe(
      'http://other:1',
    );
  });
});
