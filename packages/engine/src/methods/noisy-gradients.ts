import { z } from 'zod';
import type { MethodContext } from './attribution-method';
import { inputGradients } from './input-gradients';
import { seededRandom } from './seeded-random';

export const ZNoiseParams = z.object({
  /** Noisy copies of the image. */
  samples: z.number().int().min(1).max(1024).default(25),
  /** Noise standard deviation as a fraction of the input's range (max − min), Smilkov et al. suggest 0.1–0.2. */
  noise: z.number().min(0).max(5).default(0.15),
  seed: z.number().int().min(0).default(0),
});
export type TNoiseParams = z.infer<typeof ZNoiseParams>;

/** Input gradients at `samples` copies of the input with Gaussian noise σ = noise · (max − min), seeded. */
export async function noisyGradients(
  ctx: MethodContext,
  p: TNoiseParams,
): Promise<{ gradients: Float32Array[]; sigma: number }> {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ctx.input) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const sigma = p.noise * (hi - lo);
  const rng = seededRandom(p.seed);
  const inputs = Array.from({ length: p.samples }, () => {
    const noisy = new Float32Array(ctx.input.length);
    for (let i = 0; i < noisy.length; i++) noisy[i] = ctx.input[i]! + sigma * rng.normal();
    return noisy;
  });
  const { gradients } = await inputGradients(ctx, inputs);
  return { gradients, sigma };
}

/** Per-element mean and variance over a list of equally long arrays. */
export function meanAndVariance(
  arrays: readonly Float32Array[],
  square = false,
): { mean: Float32Array; variance: Float32Array } {
  const n = arrays[0]!.length;
  const mean = new Float32Array(n);
  const variance = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let s2 = 0;
    for (const a of arrays) {
      const v = square ? a[i]! * a[i]! : a[i]!;
      s += v;
      s2 += v * v;
    }
    const m = s / arrays.length;
    mean[i] = m;
    variance[i] = Math.max(0, s2 / arrays.length - m * m);
  }
  return { mean, variance };
}
