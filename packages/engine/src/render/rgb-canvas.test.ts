import { describe, expect, it } from 'vitest';
import { createRgbCanvas, fillRect } from './rgb-canvas';

describe('rgb canvas', () => {
  it('starts filled with one colour', () => {
    const canvas = createRgbCanvas(3, 2, [1, 2, 3]);
    expect(Array.from(canvas.data)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });

  it('fills a rectangle clipped to the canvas', () => {
    const canvas = createRgbCanvas(4, 3);
    fillRect(canvas, 2, -1, 5, 3, [9, 9, 9]);
    const red = Array.from({ length: 12 }, (_, i) => canvas.data[i * 3]);
    expect(red).toEqual([0, 0, 9, 9, 0, 0, 9, 9, 0, 0, 0, 0]);
  });
});
