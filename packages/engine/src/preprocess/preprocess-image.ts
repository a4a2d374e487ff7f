import type { TModelCardInput } from '@lightbox/contracts';
import type { DecodedImage } from '../image/decoded-image';
import { resizeBilinear } from './resize-bilinear';

/** Rec. 601 luma, as Pillow's convert('L') and the README's preprocessing contract. */
export const LUMA_WEIGHTS = [0.299, 0.587, 0.114] as const;

/**
 * Decoded image → one model input, float32 CHW, following the preprocessing contract:
 * channels (gray replicated; RGB → luma for 1-channel models) → antialiased bilinear resize → (v − mean) / std.
 */
export function preprocessImage(image: DecodedImage, input: TModelCardInput): Float32Array {
  const { width, height, channels, data } = image;
  const n = width * height;
  // Planar intensities in the model's channel layout, before resizing.
  let planes: Float32Array;
  let planeCount: number;
  if (channels === 1 || input.channels === 1) {
    const gray = new Float32Array(n);
    if (channels === 1) gray.set(data);
    else {
      const [wr, wg, wb] = LUMA_WEIGHTS;
      for (let i = 0; i < n; i++) gray[i] = wr * data[i * 3]! + wg * data[i * 3 + 1]! + wb * data[i * 3 + 2]!;
    }
    planes = gray;
    planeCount = 1;
  } else {
    planes = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      planes[i] = data[i * 3]!;
      planes[n + i] = data[i * 3 + 1]!;
      planes[2 * n + i] = data[i * 3 + 2]!;
    }
    planeCount = 3;
  }
  const resized = resizeBilinear(planes, planeCount, height, width, input.height, input.width);
  const m = input.height * input.width;
  const out = new Float32Array(input.channels * m);
  for (let c = 0; c < input.channels; c++) {
    const srcPlane = planeCount === 1 ? 0 : c % planeCount;
    const mean = input.mean[c]!;
    const std = input.std[c]!;
    for (let i = 0; i < m; i++) out[c * m + i] = (resized[srcPlane * m + i]! - mean) / std;
  }
  return out;
}
