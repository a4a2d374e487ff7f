/**
 * YBR_FULL to RGB (PS3.3 C.7.6.3.1.2; the JFIF equations), in place on interleaved float samples:
 * R = Y + 1.402 (Cr − h), G = Y − 0.344136 (Cb − h) − 0.714136 (Cr − h), B = Y + 1.772 (Cb − h), where h is half
 * the sample range (128 for 8 bits); results are clamped to 0..max but not rounded.
 */
export function convertYbrFullToRgb(samples: Float64Array, bitsStored: number): Float64Array {
  const half = 2 ** (bitsStored - 1);
  const max = 2 ** bitsStored - 1;
  const clamp = (v: number): number => Math.min(max, Math.max(0, v));
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i]!;
    const cb = samples[i + 1]! - half;
    const cr = samples[i + 2]! - half;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
  return samples;
}
