import { describe, expect, it } from 'vitest';
import { renderColour } from './render-colour';

describe('renderColour', () => {
  it('divides RGB by 2^BitsStored − 1', () => {
    expect(Array.from(renderColour(new Int32Array([0, 255, 51]), 8, false))).toEqual([0, 1, Math.fround(0.2)]);
    expect(Array.from(renderColour(new Int32Array([4095]), 12, false))).toEqual([1]);
  });

  it('converts YBR_FULL to RGB first', () => {
    // Y=100, Cb=Cr=128 is gray 100; Y=76, Cb=85, Cr=255 is about pure red.
    const out = renderColour(new Int32Array([100, 128, 128, 76, 85, 255]), 8, true);
    expect(Array.from(out.subarray(0, 3))).toEqual([100, 100, 100].map((v) => Math.fround(v / 255)));
    expect(out[3]).toBeCloseTo(1, 2);
    expect(out[4]).toBeCloseTo(0, 2);
    expect(out[5]).toBeCloseTo(0, 2);
  });

  it('windows each channel when a window is given', () => {
    const out = renderColour(new Int32Array([0, 127.5 as number, 255]), 8, false, { center: 128, width: 2 });
    expect(Array.from(out)).toEqual([0, 0, 1]);
  });
});
