/** An 8-bit RGB raster, row-major, channels interleaved: what the render functions draw into. */
export interface RgbCanvas {
  readonly width: number;
  readonly height: number;
  /** length = width * height * 3. */
  readonly data: Uint8Array;
}

export type TRgb = readonly [number, number, number];

/** A canvas filled with one colour. */
export function createRgbCanvas(width: number, height: number, fill: TRgb = [0, 0, 0]): RgbCanvas {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
  }
  return { width, height, data };
}

/** Fills the rectangle [x, x + w) × [y, y + h), clipped to the canvas. */
export function fillRect(canvas: RgbCanvas, x: number, y: number, w: number, h: number, color: TRgb): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(canvas.width, x + w);
  const y1 = Math.min(canvas.height, y + h);
  for (let yy = y0; yy < y1; yy++) {
    for (let xx = x0; xx < x1; xx++) {
      const i = (yy * canvas.width + xx) * 3;
      canvas.data[i] = color[0];
      canvas.data[i + 1] = color[1];
      canvas.data[i + 2] = color[2];
    }
  }
}
