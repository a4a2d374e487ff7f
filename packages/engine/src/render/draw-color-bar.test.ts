import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { drawText } from './bitmap-font';
import { colormapIndex, colormapLut } from './colormaps';
import { colorBarLayout, drawColorBar } from './draw-color-bar';
import { createRgbCanvas, type RgbCanvas } from './rgb-canvas';

/** The white pixels inside a box, cropped to their bounding box, as '#'/'.' rows. */
function inkIn(canvas: RgbCanvas, x0: number, y0: number, x1: number, y1: number): string[] {
  const ink = (x: number, y: number) => canvas.data[(y * canvas.width + x) * 3] === 255;
  let minX = x1;
  let maxX = -1;
  let minY = y1;
  let maxY = -1;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (!ink(x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const rows: string[] = [];
  for (let y = minY; y <= maxY; y++) {
    let row = '';
    for (let x = minX; x <= maxX; x++) row += ink(x, y) ? '#' : '.';
    rows.push(row);
  }
  return rows;
}

/** How `text` looks in the font at `scale`, cropped the same way. */
function expectedInk(text: string, scale: number): string[] {
  const canvas = createRgbCanvas(100 * scale, 10 * scale);
  drawText(canvas, text, scale, scale, scale, [255, 255, 255]);
  return inkIn(canvas, 0, 0, canvas.width, canvas.height);
}

function pixel(canvas: RgbCanvas, x: number, y: number): number[] {
  const i = (y * canvas.width + x) * 3;
  return Array.from(canvas.data.subarray(i, i + 3));
}

describe('colorBarLayout', () => {
  it('lays the panel out at scale 1 for short images and grows with the height', () => {
    expect(colorBarLayout(128)).toEqual({
      scale: 1,
      width: 68,
      stripX: 5,
      stripWidth: 12,
      top: 8,
      bottom: 119,
      labelX: 23,
    });
    const big = colorBarLayout(2048);
    expect(big.scale).toBe(8);
    expect(big.width).toBe(68 * 8);
    expect(big.bottom).toBe(2047 - 64);
  });

  it('refuses a panel too short for its labels', () => {
    expect(() => colorBarLayout(127)).toThrow(LightboxError);
  });
});

describe('drawColorBar', () => {
  const left = 10;
  const canvas = createRgbCanvas(left + 68, 200, [7, 7, 7]);
  const layout = drawColorBar(canvas, left, { colormap: 'inferno', low: -0.5, high: 2 });
  const lut = colormapLut('inferno');

  it('leaves the columns left of the panel alone and paints the rest black', () => {
    expect(pixel(canvas, left - 1, 100)).toEqual([7, 7, 7]);
    expect(pixel(canvas, left, 100)).toEqual([0, 0, 0]);
    expect(pixel(canvas, left + 67, 3)).toEqual([0, 0, 0]);
  });

  it('paints the colormap from the bottom (low) to the top (high) inside a border', () => {
    const x = left + layout.stripX + 5;
    for (let y = layout.top; y <= layout.bottom; y++) {
      const i = colormapIndex((layout.bottom - y) / (layout.bottom - layout.top)) * 3;
      expect(pixel(canvas, x, y)).toEqual([lut[i], lut[i + 1], lut[i + 2]]);
    }
    expect(pixel(canvas, x, layout.top)).toEqual(Array.from(lut.subarray(765, 768)));
    expect(pixel(canvas, x, layout.bottom)).toEqual(Array.from(lut.subarray(0, 3)));
    expect(pixel(canvas, x, layout.top - 1)).toEqual([200, 200, 200]);
    expect(pixel(canvas, x, layout.bottom + 1)).toEqual([200, 200, 200]);
    expect(pixel(canvas, left + layout.stripX - 1, 100)).toEqual([200, 200, 200]);
    expect(pixel(canvas, left + layout.stripX + layout.stripWidth, 100)).toEqual([200, 200, 200]);
  });

  it('writes high, middle and low next to the bar', () => {
    const x0 = left + layout.labelX;
    const mid = Math.round((layout.top + layout.bottom) / 2);
    expect(inkIn(canvas, x0, 0, canvas.width, layout.top + 10)).toEqual(expectedInk('2', 1));
    expect(inkIn(canvas, x0, mid - 10, canvas.width, mid + 10)).toEqual(expectedInk('0.75', 1));
    expect(inkIn(canvas, x0, layout.bottom - 10, canvas.width, 200)).toEqual(expectedInk('-0.5', 1));
    // The top label is centred on the top row of the strip.
    const topInk = inkIn(canvas, left + layout.labelX, 0, canvas.width, layout.top + 10);
    expect(topInk).toHaveLength(7);
    expect(pixel(canvas, left + layout.labelX + 2, layout.top - 3)).toEqual([255, 255, 255]);
  });
});
