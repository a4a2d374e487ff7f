import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { applyColormap, COLORMAPS, colormapIndex, colormapLut, type TColormapName } from './colormaps';

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Entries of matplotlib's `_cm_listed.py` that are not control points (index, r, g, b in [0, 1]). */
const MATPLOTLIB_ENTRIES: Record<'viridis' | 'inferno', [number, number, number, number][]> = {
  viridis: [
    [2, 0.269944, 0.014625, 0.341379],
    [17, 0.282656, 0.100196, 0.42216],
    [33, 0.278012, 0.180367, 0.486697],
    [64, 0.229739, 0.322361, 0.545706],
    [97, 0.171176, 0.45253, 0.557965],
    [128, 0.127568, 0.566949, 0.550556],
    [151, 0.130067, 0.651384, 0.521608],
    [192, 0.369214, 0.788888, 0.382914],
    [223, 0.668054, 0.861999, 0.196293],
    [238, 0.82494, 0.88472, 0.106217],
    [254, 0.983868, 0.904867, 0.136897],
  ],
  inferno: [
    [2, 0.003299, 0.002249, 0.024239],
    [17, 0.046915, 0.030324, 0.150164],
    [33, 0.135778, 0.046856, 0.299776],
    [64, 0.3415, 0.062325, 0.429425],
    [97, 0.547157, 0.136929, 0.413511],
    [128, 0.735683, 0.215906, 0.330245],
    [151, 0.855992, 0.307038, 0.235133],
    [192, 0.978422, 0.557937, 0.034931],
    [223, 0.976108, 0.789974, 0.196018],
    [238, 0.950018, 0.903409, 0.380271],
    [254, 0.982257, 0.994109, 0.631017],
  ],
};

describe('applyColormap', () => {
  it('gives matplotlib viridis at the ends and the middle', () => {
    expect(hex(applyColormap(0, 'viridis'))).toBe('#440154');
    expect(hex(applyColormap(1, 'viridis'))).toBe('#fde725');
    expect(hex(applyColormap(0.5, 'viridis'))).toBe('#21918c');
  });

  it('defaults to viridis', () => {
    expect(applyColormap(0.3)).toEqual(applyColormap(0.3, 'viridis'));
  });

  it('gives matplotlib inferno at the ends', () => {
    expect(hex(applyColormap(0, 'inferno'))).toBe('#000004');
    expect(hex(applyColormap(1, 'inferno'))).toBe('#fcffa4');
  });

  it('gives matplotlib jet at the ends and the middle', () => {
    expect(applyColormap(0, 'jet')).toEqual([0, 0, 128]);
    expect(applyColormap(1, 'jet')).toEqual([128, 0, 0]);
    // matplotlib: jet(0.5) = (0.4902, 1.0, 0.4775).
    expect(applyColormap(0.5, 'jet')).toEqual([125, 255, 122]);
  });

  it('clamps t outside [0, 1] and maps NaN to the lowest colour', () => {
    for (const name of COLORMAPS) {
      expect(applyColormap(-3, name)).toEqual(applyColormap(0, name));
      expect(applyColormap(7, name)).toEqual(applyColormap(1, name));
      expect(applyColormap(Number.NaN, name)).toEqual(applyColormap(0, name));
      expect(applyColormap(Number.POSITIVE_INFINITY, name)).toEqual(applyColormap(1, name));
    }
  });

  it('rejects an unknown colormap name', () => {
    expect(() => applyColormap(0.5, 'rainbow' as TColormapName)).toThrow(LightboxError);
  });
});

describe('colormapLut', () => {
  it.each(['viridis', 'inferno'] as const)('%s is within 2/255 of matplotlib between control points', (name) => {
    const lut = colormapLut(name);
    for (const [i, ...rgb] of MATPLOTLIB_ENTRIES[name]) {
      for (let c = 0; c < 3; c++) expect(Math.abs(lut[i * 3 + c]! - rgb[c]! * 255)).toBeLessThan(2);
    }
  });

  it.each(['viridis', 'inferno'] as const)('%s gets lighter along the table', (name) => {
    // Uniform in CAM02-UCS lightness; Rec. 709 luma over 8-bit values is monotonic at a step of a few entries.
    const lut = colormapLut(name);
    const luma = (i: number) => 0.2126 * lut[i * 3]! + 0.7152 * lut[i * 3 + 1]! + 0.0722 * lut[i * 3 + 2]!;
    for (let i = 8; i < 256; i += 8) expect(luma(i)).toBeGreaterThan(luma(i - 8));
    expect(luma(255)).toBeGreaterThan(luma(248));
  });

  it('has 256 RGB entries and returns a copy', () => {
    for (const name of COLORMAPS) {
      const lut = colormapLut(name);
      expect(lut.length).toBe(768);
      const copy = lut.slice();
      lut.fill(0);
      expect(colormapLut(name)).toEqual(copy);
    }
  });
});

describe('colormapIndex', () => {
  it('bins [0, 1] into 256 equal parts', () => {
    expect(colormapIndex(0)).toBe(0);
    expect(colormapIndex(1 / 256 - 1e-9)).toBe(0);
    expect(colormapIndex(1 / 256)).toBe(1);
    expect(colormapIndex(0.5)).toBe(128);
    expect(colormapIndex(0.999)).toBe(255);
    expect(colormapIndex(1)).toBe(255);
  });
});
