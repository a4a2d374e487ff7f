/**
 * Antialiased bilinear resize of a planar float image, one plane at a time.
 *
 * The contract (README, "Preprocessing"): half-pixel centres, a triangle filter whose support grows with the
 * downscale factor, weights renormalised at the borders — the same arithmetic as PyTorch's
 * `F.interpolate(mode='bilinear', align_corners=False, antialias=True)` and Pillow's BILINEAR. Without the
 * antialiasing a 2048-pixel radiograph shrunk to 224 would be sampled at only a few pixels per output pixel.
 */
interface AxisWeights {
  /** First source index for each output index. */
  start: Int32Array;
  /** Number of source taps for each output index. */
  count: Int32Array;
  /** Tap weights, `maxTaps` per output index. */
  weights: Float64Array;
  maxTaps: number;
}

function axisWeights(inSize: number, outSize: number): AxisWeights {
  const scale = inSize / outSize;
  const support = Math.max(scale, 1);
  const invScale = scale >= 1 ? 1 / scale : 1;
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let i = 0; i < outSize; i++) {
    const center = scale * (i + 0.5);
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xsize = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let j = 0; j < xsize; j++) {
      const x = Math.abs((j + xmin - center + 0.5) * invScale);
      const w = x < 1 ? 1 - x : 0;
      weights[i * maxTaps + j] = w;
      total += w;
    }
    if (total > 0) for (let j = 0; j < xsize; j++) weights[i * maxTaps + j]! /= total;
    start[i] = xmin;
    count[i] = xsize;
  }
  return { start, count, weights, maxTaps };
}

/**
 * Resizes `planes` planes of `inH×inW` (planar, plane-major) to `outH×outW`.
 * Returns a new Float32Array of `planes * outH * outW` values.
 */
export function resizeBilinear(
  src: Float32Array,
  planes: number,
  inH: number,
  inW: number,
  outH: number,
  outW: number,
): Float32Array {
  if (src.length !== planes * inH * inW) {
    throw new Error(`resizeBilinear: src has ${src.length} values, expected ${planes}×${inH}×${inW}`);
  }
  if (inH === outH && inW === outW) return src.slice();
  const hx = axisWeights(inW, outW);
  const hy = axisWeights(inH, outH);
  const tmp = new Float64Array(inH * outW);
  const out = new Float32Array(planes * outH * outW);
  for (let p = 0; p < planes; p++) {
    const base = p * inH * inW;
    // Horizontal pass.
    for (let y = 0; y < inH; y++) {
      const row = base + y * inW;
      for (let x = 0; x < outW; x++) {
        const s = hx.start[x]!;
        const c = hx.count[x]!;
        const wo = x * hx.maxTaps;
        let acc = 0;
        for (let j = 0; j < c; j++) acc += src[row + s + j]! * hx.weights[wo + j]!;
        tmp[y * outW + x] = acc;
      }
    }
    // Vertical pass.
    const obase = p * outH * outW;
    for (let y = 0; y < outH; y++) {
      const s = hy.start[y]!;
      const c = hy.count[y]!;
      const wo = y * hy.maxTaps;
      for (let x = 0; x < outW; x++) {
        let acc = 0;
        for (let j = 0; j < c; j++) acc += tmp[(s + j) * outW + x]! * hy.weights[wo + j]!;
        out[obase + y * outW + x] = acc;
      }
    }
  }
  return out;
}
