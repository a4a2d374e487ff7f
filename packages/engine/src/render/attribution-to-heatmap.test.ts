import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { attributionToHeatmap } from './attribution-to-heatmap';

// Three channels of a 2×2 image, channel-major: [C, H, W].
const CHW = Float32Array.from([1, -4, 0, 2, -3, 1, 0.5, -2, 2, 2, -0.5, 1]);

describe('attributionToHeatmap', () => {
  it('passes a [h, w] CAM through without copying', () => {
    const data = Float32Array.from([0, 1, 2, 3, 4, 5]);
    const out = attributionToHeatmap({ data, shape: [2, 3] });
    expect(out).toEqual({ data, height: 2, width: 3 });
    expect(out.data).toBe(data);
  });

  it('reduces [C, H, W] by the largest |value| over channels by default', () => {
    const out = attributionToHeatmap({ data: CHW, shape: [3, 2, 2] });
    expect(out.height).toBe(2);
    expect(out.width).toBe(2);
    expect(Array.from(out.data)).toEqual([3, 4, 0.5, 2]);
  });

  it('sums channels with their sign for signed methods', () => {
    const out = attributionToHeatmap({ data: CHW, shape: [3, 2, 2] }, { reduction: 'sum' });
    expect(Array.from(out.data)).toEqual([0, -1, 0, 1]);
    // Completeness is kept: the heatmap adds up to the whole map.
    const total = CHW.reduce((a, b) => a + b, 0);
    expect(out.data.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
  });

  it('sums |value| over channels with abs-sum', () => {
    const out = attributionToHeatmap({ data: CHW, shape: [3, 2, 2] }, { reduction: 'abs-sum' });
    expect(Array.from(out.data)).toEqual([6, 7, 1, 5]);
  });

  it('drops a leading batch of one', () => {
    const out = attributionToHeatmap({ data: CHW, shape: [1, 3, 2, 2] }, { reduction: 'abs-sum' });
    expect(Array.from(out.data)).toEqual([6, 7, 1, 5]);
    expect([out.height, out.width]).toEqual([2, 2]);
  });

  it('reduces a single-channel (grayscale) map', () => {
    const data = Float32Array.from([-1, 2, -3]);
    expect(Array.from(attributionToHeatmap({ data, shape: [1, 1, 3] }).data)).toEqual([1, 2, 3]);
    expect(Array.from(attributionToHeatmap({ data, shape: [1, 1, 3] }, { reduction: 'sum' }).data)).toEqual([
      -1, 2, -3,
    ]);
  });

  it('carries NaN through every reduction', () => {
    const data = Float32Array.from([Number.NaN, 1, 5, 2]);
    for (const reduction of ['abs-max', 'sum', 'abs-sum'] as const) {
      const out = attributionToHeatmap({ data, shape: [2, 1, 2] }, { reduction });
      expect(Number.isNaN(out.data[0])).toBe(true);
      expect(out.data[1]).toBe(reduction === 'abs-max' ? 2 : 3);
    }
  });

  it('rejects shapes it cannot read and data of the wrong length', () => {
    expect(() => attributionToHeatmap({ data: new Float32Array(8), shape: [2, 2, 2, 1] })).toThrow(LightboxError);
    expect(() => attributionToHeatmap({ data: new Float32Array(8), shape: [8] })).toThrow(/expected \[h, w\]/);
    expect(() => attributionToHeatmap({ data: new Float32Array(8), shape: [2, 0, 4] })).toThrow(LightboxError);
    expect(() => attributionToHeatmap({ data: new Float32Array(7), shape: [2, 2, 2] })).toThrow(/7 values/);
    expect(() =>
      attributionToHeatmap({ data: new Float32Array(8), shape: [2, 2, 2] }, { reduction: 'mean' as 'sum' }),
    ).toThrow(LightboxError);
  });
});
