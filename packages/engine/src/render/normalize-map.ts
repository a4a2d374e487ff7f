import { LightboxError } from '@lightbox/contracts';

/**
 * How a raw attribution map is brought to [0, 1] for colouring:
 * - `minmax`: min → 0, max → 1. For CAMs (non-negative, a few smooth blobs).
 * - `percentile`: min → 0, the `percentile`-th percentile → 1, anything above clipped to 1. For gradient maps,
 *   where a handful of huge pixels would otherwise push everything else to the bottom of the colormap.
 * - `symmetric`: 0 → 0.5, ±bound → 1 / 0 with bound = max |value| (or the `percentile`-th percentile of |value| when
 *   a percentile is given explicitly). For signed maps (integrated gradients, input × gradient), so the sign of a
 *   pixel is kept and zero attribution sits in the middle of the colormap.
 */
export const NORMALIZATION_MODES = ['minmax', 'percentile', 'symmetric'] as const;

export type TNormalizationMode = (typeof NORMALIZATION_MODES)[number];

export interface NormalizeMapOptions {
  /** Default `minmax`. */
  readonly mode?: TNormalizationMode;
  /** In (0, 100]. Default 99 for `percentile`; for `symmetric` only used when given. */
  readonly percentile?: number;
}

export interface NormalizedMap {
  /** Same length as the input, every value in [0, 1], never NaN. */
  readonly values: Float32Array;
  /** The raw value shown at 0 (bottom of the colour bar). */
  readonly low: number;
  /** The raw value shown at 1 (top of the colour bar). */
  readonly high: number;
}

export const DEFAULT_PERCENTILE = 99;

/**
 * Normalises an attribution map to [0, 1] (see `TNormalizationMode`).
 *
 * Non-finite values never reach the statistics: NaN becomes the neutral value (0, or 0.5 in `symmetric` mode), +∞
 * becomes 1 and −∞ becomes 0. In `minmax` and `percentile` modes a map with no spread (all finite values equal, or
 * none finite) gives zeros instead of 0 / 0 = NaN, with `low` and `high` both that value (0 when there is none). In
 * `symmetric` mode an all-zero map gives 0.5 everywhere, the colour of zero attribution, with `low` = `high` = 0.
 */
export function normalizeMap(map: Float32Array, options: NormalizeMapOptions = {}): NormalizedMap {
  const mode = options.mode ?? 'minmax';
  if (!(NORMALIZATION_MODES as readonly string[]).includes(mode)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `normalizeMap: mode is "${String(mode)}"; expected one of ${NORMALIZATION_MODES.join(', ')}.`,
      { details: { mode } },
    );
  }
  const percentile = options.percentile;
  if (percentile !== undefined && !(percentile > 0 && percentile <= 100)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `normalizeMap: percentile is ${percentile}; expected a number in (0, 100].`,
      {
        details: { percentile },
      },
    );
  }

  if (mode === 'symmetric') {
    let bound = 0;
    if (percentile === undefined) {
      for (const v of map) if (Number.isFinite(v)) bound = Math.max(bound, Math.abs(v));
    } else {
      bound = percentileOf(finiteValues(map, true), percentile);
    }
    const scale = bound > 0 ? 0.5 / bound : 0;
    return { values: transform(map, 0.5, (v) => 0.5 + v * scale), low: bound > 0 ? -bound : 0, high: bound };
  }

  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of map) {
    if (!Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (low > high) return { values: transform(map, 0, () => 0), low: 0, high: 0 };
  if (mode === 'percentile') {
    const clip = percentileOf(finiteValues(map, false), percentile ?? DEFAULT_PERCENTILE);
    // A percentile that lands on the minimum (a mostly constant map) would hide the few pixels that differ.
    if (clip > low) high = clip;
  }
  if (high === low) return { values: transform(map, 0, () => 0), low, high };
  const scale = 1 / (high - low);
  return { values: transform(map, 0, (v) => (v - low) * scale), low, high };
}

/** Applies `f` to finite values and clamps to [0, 1]; NaN → `neutral`, +∞ → 1, −∞ → 0. */
function transform(map: Float32Array, neutral: number, f: (v: number) => number): Float32Array {
  const out = new Float32Array(map.length);
  for (let i = 0; i < map.length; i++) {
    const v = map[i]!;
    if (Number.isNaN(v)) out[i] = neutral;
    else if (v === Number.POSITIVE_INFINITY) out[i] = 1;
    else if (v === Number.NEGATIVE_INFINITY) out[i] = 0;
    else out[i] = Math.min(1, Math.max(0, f(v)));
  }
  return out;
}

/** The finite values of a map (their absolute values when `abs`), sorted ascending. */
function finiteValues(map: Float32Array, abs: boolean): Float32Array {
  let n = 0;
  for (const v of map) if (Number.isFinite(v)) n++;
  const out = new Float32Array(n);
  let j = 0;
  for (const v of map) if (Number.isFinite(v)) out[j++] = abs ? Math.abs(v) : v;
  return out.sort();
}

/** numpy's default ('linear') percentile of sorted values; 0 for none. */
function percentileOf(sorted: Float32Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const i = Math.floor(rank);
  const a = sorted[i]!;
  const b = sorted[Math.min(i + 1, sorted.length - 1)]!;
  return a + (b - a) * (rank - i);
}
