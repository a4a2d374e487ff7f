import { colormapIndex, lookupTable, type TColormapName } from './colormaps';
import type { TNpyArray } from './parse-npy';

/** Methods whose maps are signed contributions: shown symmetric around 0 (as the engine's overlay PNGs). */
const SIGNED_METHODS = new Set(['integrated-gradients', 'input-x-gradient']);

/** A raw map reduced to one value per pixel and normalised to [0, 1], with the raw values at 0 and 1. */
export type TNormalizedHeatmap = {
  values: Float32Array;
  width: number;
  height: number;
  low: number;
  high: number;
  signed: boolean;
};

function percentile(sorted: Float32Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/**
 * The engine's rendering rule, in the browser: CAM maps `[h, w]` min–max; input-space maps `[C, H, W]` reduced over
 * channels (signed methods: sum, symmetric around 0 at the 99th percentile of |v|; others: max |v|, 0 to the 99th
 * percentile).
 */
export function normalizeAttribution(map: TNpyArray, method: string): TNormalizedHeatmap {
  const shape = map.shape.length === 4 && map.shape[0] === 1 ? map.shape.slice(1) : map.shape;
  if (shape.length !== 2 && shape.length !== 3) throw new Error(`Unexpected map shape [${map.shape.join(', ')}]`);
  const [channels, height, width] =
    shape.length === 2 ? [1, shape[0]!, shape[1]!] : (shape as [number, number, number]);
  const plane = height * width;
  const signed = shape.length === 3 && SIGNED_METHODS.has(method);
  const reduced = new Float32Array(plane);
  for (let i = 0; i < plane; i++) {
    let acc = shape.length === 2 ? map.data[i]! : signed ? 0 : 0;
    if (shape.length === 3) {
      for (let c = 0; c < channels; c++) {
        const v = map.data[c * plane + i]!;
        acc = signed ? acc + v : Math.max(acc, Math.abs(v));
      }
    }
    reduced[i] = Number.isFinite(acc) ? acc : 0;
  }
  const values = new Float32Array(plane);
  if (signed) {
    const magnitudes = reduced.map(Math.abs).sort();
    const bound = percentile(magnitudes, 99);
    const scale = bound > 0 ? 0.5 / bound : 0;
    for (let i = 0; i < plane; i++) values[i] = Math.min(1, Math.max(0, 0.5 + reduced[i]! * scale));
    return { values, width, height, low: bound > 0 ? -bound : 0, high: bound, signed };
  }
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of reduced) {
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (shape.length === 3) high = percentile(reduced.slice().sort(), 99);
  const span = high - low;
  for (let i = 0; i < plane; i++) values[i] = span > 0 ? Math.min(1, Math.max(0, (reduced[i]! - low) / span)) : 0;
  return { values, width, height, low: Number.isFinite(low) ? low : 0, high: Number.isFinite(high) ? high : 0, signed };
}

export type TOverlayStyle = { colormap: TColormapName; opacity: number; threshold: number };

/**
 * RGBA pixels of the coloured map at its own resolution: each value through the colormap, `opacity` as alpha, and
 * values under `threshold` (in [0, 1] of the normalised scale; for signed maps, of |v − 0.5| · 2) fully transparent.
 */
export function colorizeHeatmap(heatmap: TNormalizedHeatmap, style: TOverlayStyle): Uint8ClampedArray<ArrayBuffer> {
  const lut = lookupTable(style.colormap);
  const out = new Uint8ClampedArray(new ArrayBuffer(heatmap.values.length * 4));
  const alpha = Math.round(Math.min(1, Math.max(0, style.opacity)) * 255);
  for (let i = 0; i < heatmap.values.length; i++) {
    const t = heatmap.values[i]!;
    const strength = heatmap.signed ? Math.abs(t - 0.5) * 2 : t;
    const k = colormapIndex(t) * 3;
    out[i * 4] = lut[k]!;
    out[i * 4 + 1] = lut[k + 1]!;
    out[i * 4 + 2] = lut[k + 2]!;
    out[i * 4 + 3] = strength < style.threshold ? 0 : alpha;
  }
  return out;
}

/** CSS linear-gradient of a colormap, bottom (low) to top (high). */
export function colormapGradient(name: TColormapName, direction = 'to top'): string {
  const lut = lookupTable(name);
  const stops: string[] = [];
  for (let i = 0; i <= 16; i++) {
    const k = Math.min(255, Math.round((i / 16) * 255)) * 3;
    stops.push(`rgb(${lut[k]}, ${lut[k + 1]}, ${lut[k + 2]}) ${(i / 16) * 100}%`);
  }
  return `linear-gradient(${direction}, ${stops.join(', ')})`;
}

/** A short number for the colour bar's labels. */
export function formatValue(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e4 || abs < 1e-3) return value.toExponential(2);
  return value.toPrecision(3);
}
