import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeMap } from './normalize-map';

const f32 = (values: number[]) => Float32Array.from(values);

describe('normalizeMap', () => {
  it('minmax maps min to 0 and max to 1 (the default mode)', () => {
    const out = normalizeMap(f32([2, 4, 6, 10]));
    expect(out.low).toBe(2);
    expect(out.high).toBe(10);
    expect(Array.from(out.values)).toEqual([0, 0.25, 0.5, 1]);
  });

  it('gives zeros for a constant map, never NaN', () => {
    for (const mode of ['minmax', 'percentile'] as const) {
      const out = normalizeMap(new Float32Array(16).fill(3.5), { mode });
      expect(Array.from(out.values)).toEqual(new Array(16).fill(0));
      expect(out.low).toBe(3.5);
      expect(out.high).toBe(3.5);
    }
  });

  it('gives zeros for an empty map and a map with no finite value', () => {
    expect(normalizeMap(new Float32Array(0))).toEqual({ values: new Float32Array(0), low: 0, high: 0 });
    const out = normalizeMap(f32([Number.NaN, Number.NaN]), { mode: 'percentile' });
    expect(Array.from(out.values)).toEqual([0, 0]);
    expect([out.low, out.high]).toEqual([0, 0]);
  });

  it('keeps NaN and infinities out of the statistics', () => {
    const out = normalizeMap(f32([Number.NaN, 1, Number.POSITIVE_INFINITY, 3, Number.NEGATIVE_INFINITY, 2]));
    expect(out.low).toBe(1);
    expect(out.high).toBe(3);
    expect(Array.from(out.values)).toEqual([0, 0, 1, 1, 0, 0.5]);
  });

  it('percentile clips a few huge pixels so the rest keeps its contrast', () => {
    // 0..99 and one outlier: the 99th percentile of 101 values is 99, so 50 lands near the middle.
    const values = [...Array.from({ length: 100 }, (_, i) => i), 1e6];
    const out = normalizeMap(f32(values), { mode: 'percentile' });
    expect(out.low).toBe(0);
    expect(out.high).toBeCloseTo(99, 5);
    expect(out.values[50]).toBeCloseTo(50 / 99, 5);
    expect(out.values[100]).toBe(1);
    const minmax = normalizeMap(f32(values));
    expect(minmax.values[50]).toBeLessThan(1e-4);
  });

  it('percentile interpolates between ranks like numpy', () => {
    // numpy.percentile([0, 10, 20, 30], 50) = 15, percentile 90 = 27.
    expect(normalizeMap(f32([30, 0, 20, 10]), { mode: 'percentile', percentile: 50 }).high).toBeCloseTo(15, 5);
    expect(normalizeMap(f32([30, 0, 20, 10]), { mode: 'percentile', percentile: 90 }).high).toBeCloseTo(27, 5);
    expect(normalizeMap(f32([30, 0, 20, 10]), { mode: 'percentile', percentile: 100 }).high).toBe(30);
  });

  it('percentile falls back to the maximum when the percentile equals the minimum', () => {
    const values = new Array(200).fill(0);
    values[7] = 5;
    const out = normalizeMap(f32(values), { mode: 'percentile' });
    expect(out.high).toBe(5);
    expect(out.values[7]).toBe(1);
    expect(out.values[0]).toBe(0);
  });

  it('symmetric sends 0 to 0.5 and keeps the sign', () => {
    const out = normalizeMap(f32([-2, -1, 0, 0.5, 4]), { mode: 'symmetric' });
    expect(out.low).toBe(-4);
    expect(out.high).toBe(4);
    expect(Array.from(out.values)).toEqual([0.25, 0.375, 0.5, 0.5625, 1]);
  });

  it('symmetric with a percentile clips by |value| and NaN is neutral', () => {
    const values = [...Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? -i : i)), -1e6, Number.NaN];
    const out = normalizeMap(f32(values), { mode: 'symmetric', percentile: 99 });
    expect(out.high).toBeCloseTo(99, 5);
    expect(out.low).toBeCloseTo(-99, 5);
    expect(out.values[100]).toBe(0);
    expect(out.values[101]).toBe(0.5);
    expect(out.values[0]).toBe(0.5);
  });

  it('symmetric gives 0.5 for an all-zero map', () => {
    const out = normalizeMap(new Float32Array(5), { mode: 'symmetric' });
    expect(Array.from(out.values)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect([out.low, out.high]).toEqual([0, 0]);
  });

  it('does not change its input', () => {
    const input = f32([3, Number.NaN, 1]);
    normalizeMap(input, { mode: 'percentile' });
    expect(Array.from(input)).toEqual([3, Number.NaN, 1]);
  });

  it('rejects a bad mode or percentile', () => {
    expect(() => normalizeMap(f32([1]), { mode: 'zscore' as 'minmax' })).toThrow(LightboxError);
    expect(() => normalizeMap(f32([1]), { mode: 'percentile', percentile: 0 })).toThrow(/percentile is 0/);
    expect(() => normalizeMap(f32([1]), { mode: 'percentile', percentile: 101 })).toThrow(LightboxError);
    expect(() => normalizeMap(f32([1]), { mode: 'percentile', percentile: Number.NaN })).toThrow(LightboxError);
  });
});
