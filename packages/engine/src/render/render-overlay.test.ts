import { LightboxError } from '@lightbox/contracts';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { DecodedImage } from '../image/decoded-image';
import { applyColormap, colormapLut } from './colormaps';
import { colorBarLayout } from './draw-color-bar';
import { renderOverlay } from './render-overlay';

function makeImage(width: number, height: number, channels: 1 | 3, f: (x: number, y: number, c: number) => number) {
  const data = new Float32Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = f(x, y, c);
    }
  }
  const image: DecodedImage = { width, height, channels, data, info: { format: 'png', bitsStored: 8 } };
  return image;
}

function makeMap(width: number, height: number, f: (x: number, y: number) => number) {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { data, width, height };
}

function decodeRgb(png: Uint8Array) {
  const decoded = decode(png);
  expect(decoded.channels).toBe(3);
  expect(decoded.depth).toBe(8);
  const data = decoded.data as Uint8Array;
  const pixel = (x: number, y: number) => {
    const i = (y * decoded.width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  return { width: decoded.width, height: decoded.height, pixel };
}

const to8 = (v: number) => Math.round(v * 255);
const blend = (base: number, color: number, opacity: number) =>
  Math.round((1 - opacity) * base * 255 + opacity * color);

// A 200×150 gray ramp; the map is a 10×10 grid of 0 on the left half and 1 on the right half.
const gray = makeImage(200, 150, 1, (x, y) => ((x + y) % 97) / 96);
const halfMap = makeMap(10, 10, (x) => (x < 5 ? 0 : 1));

describe('renderOverlay', () => {
  it('is as wide as the image plus the colour bar and as tall as the image', () => {
    const out = decodeRgb(renderOverlay(gray, halfMap));
    expect(out.width).toBe(200 + colorBarLayout(150).width);
    expect(out.height).toBe(150);
    const bare = decodeRgb(renderOverlay(gray, halfMap, { colorBar: false }));
    expect([bare.width, bare.height]).toEqual([200, 150]);
  });

  it('shows the bare image under the threshold and the blend with the top colour at the maximum', () => {
    const opacity = 0.35;
    const out = decodeRgb(renderOverlay(gray, halfMap, { opacity, threshold: 0.05 }));
    const top = applyColormap(1);
    for (let y = 0; y < 150; y += 7) {
      // The map is 0 on columns 0..99; bilinear blending stops 10 pixels (one map cell) before the edge.
      for (const x of [0, 40, 89]) {
        const v = to8(gray.data[y * 200 + x]!);
        expect(out.pixel(x, y)).toEqual([v, v, v]);
      }
      for (const x of [111, 160, 199]) {
        const v = gray.data[y * 200 + x]!;
        expect(out.pixel(x, y)).toEqual([
          blend(v, top[0], opacity),
          blend(v, top[1], opacity),
          blend(v, top[2], opacity),
        ]);
      }
    }
  });

  it('colours the low end with the bottom colour when there is no threshold', () => {
    const out = decodeRgb(renderOverlay(gray, halfMap, { colorBar: false }));
    const bottom = applyColormap(0);
    const v = gray.data[10 * 200 + 20]!;
    expect(out.pixel(20, 10)).toEqual(bottom.map((c) => blend(v, c, 0.5)));
  });

  it('stretches a square model-input map to the image aspect ratio', () => {
    // Top half of the map hot: in a 200×150 image the boundary is at row 75, whatever the width.
    const topMap = makeMap(8, 8, (_x, y) => (y < 4 ? 1 : 0));
    const out = decodeRgb(renderOverlay(gray, topMap, { colorBar: false, threshold: 0.5, opacity: 1 }));
    const hot = applyColormap(1);
    const bare = (x: number, y: number) => {
      const v = to8(gray.data[y * 200 + x]!);
      return [v, v, v];
    };
    for (const x of [0, 5, 100, 199]) {
      expect(out.pixel(x, 60)).toEqual([...hot]);
      // Map rows are 150 / 8 = 18.75 pixels tall: the upsampled map crosses 0.5 between rows 74 and 75.
      expect(out.pixel(x, 74)).not.toEqual(bare(x, 74));
      expect(out.pixel(x, 75)).toEqual(bare(x, 75));
      expect(out.pixel(x, 149)).toEqual(bare(x, 149));
    }
  });

  it('reproduces the image at opacity 0, RGB as is and grayscale as gray', () => {
    const rgb = makeImage(64, 130, 3, (x, y, c) => ((x * 7 + y * 3 + c * 50) % 256) / 255);
    const map = makeMap(7, 7, (x, y) => x * y - 3);
    const out = decodeRgb(renderOverlay(rgb, map, { opacity: 0, colorBar: false }));
    for (let y = 0; y < 130; y++) {
      for (let x = 0; x < 64; x++) {
        const i = (y * 64 + x) * 3;
        expect(out.pixel(x, y)).toEqual([to8(rgb.data[i]!), to8(rgb.data[i + 1]!), to8(rgb.data[i + 2]!)]);
      }
    }
    const grayOut = decodeRgb(renderOverlay(gray, map, { opacity: 0, colormap: 'jet' }));
    for (let y = 0; y < 150; y += 3) {
      for (let x = 0; x < 200; x += 3) {
        const v = to8(gray.data[y * 200 + x]!);
        expect(grayOut.pixel(x, y)).toEqual([v, v, v]);
      }
    }
  });

  it('draws the colour bar with colours rising monotonically from bottom to top', () => {
    const out = decodeRgb(renderOverlay(gray, halfMap));
    const layout = colorBarLayout(150);
    const x = 200 + layout.stripX + Math.floor(layout.stripWidth / 2);
    const lut = colormapLut('viridis');
    const entry = new Map<string, number>();
    for (let i = 255; i >= 0; i--) entry.set(Array.from(lut.subarray(i * 3, i * 3 + 3)).join(), i);
    let previous = -1;
    let previousGreen = -1;
    for (let y = layout.bottom; y >= layout.top; y--) {
      const rgb = out.pixel(x, y);
      const index = entry.get(rgb.join());
      expect(index).toBeDefined();
      expect(index!).toBeGreaterThanOrEqual(previous);
      // viridis gets greener all the way up.
      expect(rgb[1]!).toBeGreaterThanOrEqual(previousGreen);
      previous = index!;
      previousGreen = rgb[1]!;
    }
    expect(out.pixel(x, layout.top)).toEqual([...applyColormap(1)]);
    expect(out.pixel(x, layout.bottom)).toEqual([...applyColormap(0)]);
  });

  it('scales small images up with nearest neighbour so the labels fit', () => {
    const small = makeImage(12, 20, 3, (x, y, c) => ((x * 13 + y * 5 + c) % 17) / 16);
    const out = decodeRgb(
      renderOverlay(
        small,
        makeMap(3, 5, (x) => x),
        { opacity: 0 },
      ),
    );
    // ceil(128 / 20) = 7.
    expect(out.height).toBe(140);
    expect(out.width).toBe(12 * 7 + colorBarLayout(140).width);
    for (let y = 0; y < 140; y++) {
      for (let x = 0; x < 84; x++) {
        const i = (Math.floor(y / 7) * 12 + Math.floor(x / 7)) * 3;
        expect(out.pixel(x, y)).toEqual([to8(small.data[i]!), to8(small.data[i + 1]!), to8(small.data[i + 2]!)]);
      }
    }
  });

  it('hides small attributions of either sign with a symmetric threshold', () => {
    // Left third negative, middle zero, right third positive.
    const signed = makeMap(9, 9, (x) => (x < 3 ? -2 : x < 6 ? 0 : 2));
    const png = renderOverlay(gray, signed, {
      normalization: { mode: 'symmetric' },
      threshold: 0.5,
      opacity: 1,
      colormap: 'inferno',
      colorBar: false,
    });
    const out = decodeRgb(png);
    expect(out.pixel(20, 40)).toEqual([...applyColormap(0, 'inferno')]);
    expect(out.pixel(180, 40)).toEqual([...applyColormap(1, 'inferno')]);
    const v = to8(gray.data[40 * 200 + 100]!);
    expect(out.pixel(100, 40)).toEqual([v, v, v]);
  });

  it('labels the colour bar with the normalisation range unless a range is given', () => {
    const map = makeMap(5, 5, (x, y) => 0.25 + x * y * 0.1);
    const byDefault = renderOverlay(gray, map);
    expect(renderOverlay(gray, map, { range: { low: 0.25, high: 1.85 } })).toEqual(byDefault);
    const relabelled = decodeRgb(renderOverlay(gray, map, { range: { low: -7, high: 300 } }));
    const original = decodeRgb(byDefault);
    const layout = colorBarLayout(150);
    let differing = 0;
    for (let y = 0; y < 150; y++) {
      for (let x = 200; x < 200 + layout.labelX; x++) expect(relabelled.pixel(x, y)).toEqual(original.pixel(x, y));
      for (let x = 200 + layout.labelX; x < relabelled.width; x++) {
        if (relabelled.pixel(x, y).join() !== original.pixel(x, y).join()) differing++;
      }
    }
    expect(differing).toBeGreaterThan(10);
  });

  it('survives NaN and infinities in the map', () => {
    const map = makeMap(4, 4, (x, y) => (x === y ? Number.NaN : x === 0 ? Number.POSITIVE_INFINITY : x + y));
    const out = decodeRgb(renderOverlay(gray, map, { normalization: { mode: 'percentile' } }));
    expect(out.height).toBe(150);
  });

  it('rejects bad options and inputs with the argument named', () => {
    expect(() => renderOverlay(gray, halfMap, { opacity: 1.5 })).toThrow(/opacity is 1.5/);
    expect(() => renderOverlay(gray, halfMap, { threshold: -0.1 })).toThrow(/threshold/);
    expect(() => renderOverlay(gray, halfMap, { range: { low: 2, high: 1 } })).toThrow(LightboxError);
    expect(() => renderOverlay(gray, halfMap, { range: { low: 0, high: Number.NaN } })).toThrow(LightboxError);
    expect(() => renderOverlay(gray, { data: new Float32Array(5), width: 2, height: 3 })).toThrow(/map is 2×3/);
    expect(() => renderOverlay({ ...gray, width: 10 }, halfMap)).toThrow(/image is 10×150/);
  });
});
