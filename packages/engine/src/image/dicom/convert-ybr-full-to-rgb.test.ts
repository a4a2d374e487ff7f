import { describe, expect, it } from 'vitest';
import { convertYbrFullToRgb } from './convert-ybr-full-to-rgb';

describe('convertYbrFullToRgb (PS3.3 C.7.6.3.1.2)', () => {
  it('inverts the YBR_FULL equations', () => {
    const [r, g, b] = [200, 30, 90];
    const y = 0.299 * r + 0.587 * g + 0.114 * b;
    const cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    const cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
    const out = convertYbrFullToRgb(new Float64Array([y, cb, cr]), 8);
    expect(out[0]).toBeCloseTo(r, 3);
    expect(out[1]).toBeCloseTo(g, 3);
    expect(out[2]).toBeCloseTo(b, 3);
  });

  it('clamps to 0..max without rounding, and centres chroma on half the range', () => {
    const [r, g, b] = convertYbrFullToRgb(new Float64Array([255, 0, 255]), 8);
    expect(r).toBe(255); // 255 + 1.402 × 127 clamped
    expect(g).toBeCloseTo(255 + 0.344136 * 128 - 0.714136 * 127, 9);
    expect(b).toBeCloseTo(255 - 1.772 * 128, 9);
    const dark = convertYbrFullToRgb(new Float64Array([0, 0, 0]), 8);
    expect([dark[0], dark[2]]).toEqual([0, 0]);
    expect(dark[1]).toBeCloseTo((0.344136 + 0.714136) * 128, 9);
    expect(Array.from(convertYbrFullToRgb(new Float64Array([2048, 2048, 2048]), 12))).toEqual([2048, 2048, 2048]);
  });
});
