import type { TModelCardInput } from '@lightbox/contracts';
import { LightboxError } from '@lightbox/contracts';

export const BASELINE_KINDS = ['zero', 'blur', 'mean'] as const;
export type TBaselineKind = (typeof BASELINE_KINDS)[number];

/**
 * Integrated-gradients baselines in model-input space (after normalisation), [C, H, W]:
 * - zero: a black image (all intensities 0), i.e. (0 − mean[c]) / std[c];
 * - mean: a flat image at this image's mean per channel;
 * - blur: this image under a strong Gaussian blur (σ = 1/10 of the larger side), which keeps overall brightness
 *   but removes the local structure (Sturmfels et al. 2020, "Visualizing the Impact of Feature Attribution Baselines").
 */
export function makeBaseline(kind: TBaselineKind, input: Float32Array, card: TModelCardInput): Float32Array {
  const { channels: c, height: h, width: w } = card;
  const m = h * w;
  if (input.length !== c * m) throw new LightboxError('INTERNAL', 'baseline: input has the wrong size');
  switch (kind) {
    case 'zero':
      return Float32Array.from(
        { length: c * m },
        (_, i) => -card.mean[Math.floor(i / m)]! / card.std[Math.floor(i / m)]!,
      );
    case 'mean': {
      const out = new Float32Array(c * m);
      for (let ch = 0; ch < c; ch++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += input[ch * m + i]!;
        out.fill(s / m, ch * m, (ch + 1) * m);
      }
      return out;
    }
    case 'blur':
      return gaussianBlur(input, c, h, w, Math.max(h, w) / 10);
  }
}

/** Separable Gaussian blur with edge clamping (renormalised kernel). */
export function gaussianBlur(src: Float32Array, planes: number, h: number, w: number, sigma: number): Float32Array {
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = Array.from({ length: 2 * r + 1 }, (_, i) => Math.exp(-((i - r) ** 2) / (2 * sigma * sigma)));
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let p = 0; p < planes; p++) {
    const base = p * h * w;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let s = 0;
        let ws = 0;
        for (let j = -r; j <= r; j++) {
          const xx = x + j;
          if (xx < 0 || xx >= w) continue;
          s += src[base + y * w + xx]! * k[j + r]!;
          ws += k[j + r]!;
        }
        tmp[base + y * w + x] = s / ws;
      }
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let s = 0;
        let ws = 0;
        for (let j = -r; j <= r; j++) {
          const yy = y + j;
          if (yy < 0 || yy >= h) continue;
          s += tmp[base + yy * w + x]! * k[j + r]!;
          ws += k[j + r]!;
        }
        out[base + y * w + x] = s / ws;
      }
  }
  return out;
}
