const f = Math.fround;

export interface ResizeAxis {
  readonly inSize: number;
  readonly outSize: number;
  /** The scale onnxruntime uses on this axis (float32): the `scales` value, or out/in when `sizes` is given. */
  readonly scale: number;
  readonly mode: 'nearest' | 'linear';
  readonly coordinateTransformation: string;
  readonly nearestMode: string;
}

/** C's round(): halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
}

/** The input coordinate of output index x, computed in float32 as onnxruntime does; undefined if not handled. */
function originalCoordinate(x: number, a: ResizeAxis): number | undefined {
  const s = f(a.scale);
  switch (a.coordinateTransformation) {
    case 'half_pixel':
      return f(f(f(x + 0.5) / s) - 0.5);
    case 'pytorch_half_pixel':
      return a.outSize > 1 ? f(f(f(x + 0.5) / s) - 0.5) : 0;
    case 'align_corners':
      return a.outSize === 1 ? 0 : f(f(x * (a.inSize - 1)) / (a.outSize - 1));
    case 'asymmetric':
      return f(x / s);
    case 'tf_half_pixel_for_nn':
      return f(f(x + 0.5) / s);
    default:
      return undefined;
  }
}

function nearestIndex(x: number, mode: string): number | undefined {
  switch (mode) {
    case 'round_prefer_floor':
      return x === Math.trunc(x) + 0.5 ? Math.floor(x) : roundHalfAway(x);
    case 'round_prefer_ceil':
      return roundHalfAway(x);
    case 'floor':
      return Math.floor(x);
    case 'ceil':
      return Math.ceil(x);
    default:
      return undefined;
  }
}

/**
 * The [out, in] matrix onnxruntime's Resize applies along one axis (y = A·x along that axis), or a reason
 * it is not handled. Nearest: a one-hot row per output at the rounded, clamped input coordinate. Linear:
 * the coordinate is clamped to [0, in − 1], and the two neighbours i1 = ⌊c⌋, i2 = min(i1 + 1, in − 1)
 * get weights |c − i2| and |c − i1| (½ each when they coincide, the last row).
 */
export function resizeAxisWeights(a: ResizeAxis): Float64Array | string {
  const m = new Float64Array(a.outSize * a.inSize);
  for (let o = 0; o < a.outSize; o++) {
    const c = originalCoordinate(o, a);
    if (c === undefined) return `coordinate_transformation_mode ${a.coordinateTransformation} is not supported`;
    if (a.mode === 'nearest') {
      const i = nearestIndex(c, a.nearestMode);
      if (i === undefined) return `nearest_mode ${a.nearestMode} is not supported`;
      m[o * a.inSize + Math.min(Math.max(i, 0), a.inSize - 1)] = 1;
    } else {
      const cc = Math.max(0, Math.min(c, a.inSize - 1));
      const i1 = Math.min(Math.trunc(cc), a.inSize - 1);
      const i2 = Math.min(i1 + 1, a.inSize - 1);
      if (i1 === i2) m[o * a.inSize + i1] = 1;
      else {
        m[o * a.inSize + i1] = f(Math.abs(cc - i2));
        m[o * a.inSize + i2] = f(Math.abs(cc - i1));
      }
    }
  }
  return m;
}
