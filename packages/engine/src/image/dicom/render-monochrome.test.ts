import { describe, expect, it } from 'vitest';
import { renderMonochrome } from './render-monochrome';

const identity = { kind: 'rescale', slope: 1, intercept: 0 } as const;

describe('renderMonochrome: modality LUT → VOI → MONOCHROME1 inversion', () => {
  it('rescales before windowing', () => {
    // stored 0, 10, 20 → HU -1000, -950, -900 with slope 5, intercept -1000; LINEAR window c=-950 w=101
    const out = renderMonochrome(
      new Int32Array([0, 10, 20]),
      { kind: 'rescale', slope: 5, intercept: -1000 },
      { kind: 'window', window: { center: -950, width: 101 }, fn: 'LINEAR', source: 'file' },
      false,
    );
    // LINEAR bounds: -950 - 0.5 - 50 = -1000.5 and -900.5; inside, (x + 950.5) / 100 + 0.5
    expect(Array.from(out.data)).toEqual([0.005, 0.505, 1].map(Math.fround));
    expect(out.window).toEqual({ center: -950, width: 101, source: 'file' });
    expect(out.voiLutFunction).toBe('LINEAR');
  });

  it('inverts after the window for MONOCHROME1', () => {
    const voi = { kind: 'window', window: { center: 50, width: 100 }, fn: 'LINEAR_EXACT', source: 'file' } as const;
    const plain = renderMonochrome(new Int32Array([0, 25, 100]), identity, voi, false);
    const inverted = renderMonochrome(new Int32Array([0, 25, 100]), identity, voi, true);
    expect(Array.from(plain.data)).toEqual([0, 0.25, 1]);
    expect(Array.from(inverted.data)).toEqual([1, 0.75, 0]);
  });

  it('maps min..max of the values present for the default window', () => {
    const out = renderMonochrome(
      new Int32Array([-100, 0, 300]),
      { kind: 'rescale', slope: 2, intercept: 0 },
      { kind: 'default' },
      false,
    );
    expect(Array.from(out.data)).toEqual([0, 0.25, 1]);
    expect(out.window).toEqual({ center: 200, width: 800, source: 'default' });
    expect(out.voiLutFunction).toBe('LINEAR_EXACT');
  });

  it('gives 0 for a constant image with the default window', () => {
    expect(Array.from(renderMonochrome(new Int32Array([7, 7]), identity, { kind: 'default' }, false).data)).toEqual([
      0, 0,
    ]);
  });

  it('divides VOI LUT output by 2^bits − 1', () => {
    const lut = { firstMapped: 0, bitsPerEntry: 8, entries: new Uint16Array([0, 51, 255]) };
    const out = renderMonochrome(new Int32Array([0, 1, 2, 9]), identity, { kind: 'lut', lut }, false);
    expect(Array.from(out.data)).toEqual([0, 0.2, 1, 1].map(Math.fround));
    expect(out.window.source).toBe('voi-lut');
    expect(out.voiLutFunction).toBe('LUT');
  });

  it('applies a Modality LUT Sequence', () => {
    const modality = {
      kind: 'sequence',
      lut: { firstMapped: 0, bitsPerEntry: 16, entries: new Uint16Array([1000, 0, 500]) },
    } as const;
    const out = renderMonochrome(new Int32Array([0, 1, 2]), modality, { kind: 'default' }, false);
    expect(Array.from(out.data)).toEqual([1, 0, 0.5]);
  });
});
