import { LightboxError } from '@lightbox/contracts';

/**
 * How an input-space map `[C, H, W]` (one value per input channel and pixel) becomes one value per pixel:
 * - `abs-max`: max over channels of |value| (Simonyan et al. 2014). The default, for plain gradients and
 *   SmoothGrad, whose sign says little on its own.
 * - `sum`: sum over channels, sign kept. For signed methods whose values add up to the change in score
 *   (integrated gradients, input × gradient): the heatmap still sums to the total attribution. Pair it with
 *   `symmetric` normalisation.
 * - `abs-sum`: sum over channels of |value|: how much a pixel mattered, whichever the direction.
 */
export const CHANNEL_REDUCTIONS = ['abs-max', 'sum', 'abs-sum'] as const;

export type TChannelReduction = (typeof CHANNEL_REDUCTIONS)[number];

/** A raw attribution map as a method returns it: float32 values, row-major, outermost dimension first. */
export interface AttributionTensor {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** One value per pixel, row-major. */
export interface Heatmap {
  readonly data: Float32Array;
  readonly height: number;
  readonly width: number;
}

export interface AttributionToHeatmapOptions {
  /** Channel reduction for input-space maps; default `abs-max`. Ignored for `[h, w]` maps. */
  readonly reduction?: TChannelReduction;
}

/**
 * Turns a raw attribution map into a 2-D heatmap:
 * - `[h, w]` (CAM-style maps at a layer's resolution) passes through unchanged; the data is not copied.
 * - `[C, H, W]` (input-space maps) is reduced over C with `options.reduction`.
 * - `[1, C, H, W]` (a batch of one) is treated as `[C, H, W]`.
 * NaN and infinities are carried through; `normalizeMap` deals with them.
 */
export function attributionToHeatmap(map: AttributionTensor, options: AttributionToHeatmapOptions = {}): Heatmap {
  const { data } = map;
  const shape = map.shape.length === 4 && map.shape[0] === 1 ? map.shape.slice(1) : map.shape;
  if ((shape.length !== 2 && shape.length !== 3) || !shape.every((d) => Number.isInteger(d) && d > 0)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `attributionToHeatmap: shape is [${map.shape.join(', ')}]; expected [h, w], [C, H, W] or [1, C, H, W] with positive sizes.`,
      { details: { shape: [...map.shape] } },
    );
  }
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `attributionToHeatmap: data has ${data.length} values, shape [${map.shape.join(', ')}] needs ${size}.`,
      { details: { shape: [...map.shape], length: data.length } },
    );
  }
  if (shape.length === 2) return { data, height: shape[0]!, width: shape[1]! };

  const reduction = options.reduction ?? 'abs-max';
  if (!(CHANNEL_REDUCTIONS as readonly string[]).includes(reduction)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `attributionToHeatmap: reduction is "${String(reduction)}"; expected one of ${CHANNEL_REDUCTIONS.join(', ')}.`,
      { details: { reduction } },
    );
  }
  const [channels, height, width] = shape as [number, number, number];
  const plane = height * width;
  const out = new Float32Array(plane);
  if (reduction === 'abs-max') {
    out.set(data.subarray(0, plane).map(Math.abs));
    for (let c = 1; c < channels; c++) {
      const base = c * plane;
      for (let i = 0; i < plane; i++) {
        const v = Math.abs(data[base + i]!);
        // A NaN in any channel stays NaN, as with Math.max.
        if (v > out[i]! || Number.isNaN(v)) out[i] = v;
      }
    }
  } else {
    const abs = reduction === 'abs-sum';
    // Accumulate in float64 so a sum over channels loses nothing before the one rounding to float32.
    const acc = new Float64Array(plane);
    for (let c = 0; c < channels; c++) {
      const base = c * plane;
      for (let i = 0; i < plane; i++) {
        const v = data[base + i]!;
        acc[i]! += abs ? Math.abs(v) : v;
      }
    }
    out.set(acc);
  }
  return { data: out, height, width };
}
