import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('writes dates as UTC ISO strings with milliseconds and keeps nulls', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 10, 25, 18, 0, 0, 7)), x: null })).toBe(
      '{"at":"2026-11-25T18:00:00.007Z","x":null}',
    );
  });

  it('drops undefined keys and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
  });
});
