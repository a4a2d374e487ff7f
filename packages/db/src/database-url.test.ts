import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl, quoteIdentifier } from './database-url';

describe('parseDatabaseUrl', () => {
  it('takes the schema parameter out of the connection string', () => {
    const target = parseDatabaseUrl('postgresql://postgres@127.0.0.1:5432/test?schema=test_abc&sslmode=disable');
    expect(target.schema).toBe('test_abc');
    expect(target.connectionString).toBe('postgresql://postgres@127.0.0.1:5432/test?sslmode=disable');
  });

  it('leaves the schema undefined when the URL has none', () => {
    expect(parseDatabaseUrl('postgres://u:p@db:5432/lightbox')).toEqual({
      connectionString: 'postgres://u:p@db:5432/lightbox',
      schema: undefined,
    });
  });

  it('rejects schema names that would need escaping', () => {
    expect(() => parseDatabaseUrl('postgresql://h/db?schema=a;drop')).toThrow(/Schema name "a;drop" is not allowed/);
  });

  it('rejects other protocols without echoing the URL (it may hold a password)', () => {
    let message = '';
    try {
      parseDatabaseUrl('mysql://user:secret@h/db');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/must start with postgresql:\/\//);
    expect(message).not.toContain('secret');
  });

  it('rejects text that is not a URL', () => {
    expect(() => parseDatabaseUrl('not a url')).toThrow(/not a valid URL/);
  });
});

describe('quoteIdentifier', () => {
  it('double-quotes and doubles embedded quotes', () => {
    expect(quoteIdentifier('User')).toBe('"User"');
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
  });
});
