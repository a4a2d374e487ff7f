import { describe, expect, it } from 'vitest';
import { copySamples } from './decoded-codestream';

describe('copySamples', () => {
  it('copies 8-bit samples, detached from the source memory', () => {
    const source = new Uint8Array([1, 2, 3]);
    const copy = copySamples(source, 8);
    source[0] = 99;
    expect(copy).toBeInstanceOf(Uint8Array);
    expect(Array.from(copy)).toEqual([1, 2, 3]);
  });

  it('reads samples above 8 bits as little-endian 16-bit words', () => {
    const copy = copySamples(new Uint8Array([0x34, 0x12, 0xff, 0x0f]), 12);
    expect(copy).toBeInstanceOf(Uint16Array);
    expect(Array.from(copy)).toEqual([0x1234, 0x0fff]);
  });
});
