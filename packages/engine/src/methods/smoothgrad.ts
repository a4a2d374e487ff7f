import type { AttributionMethod } from './attribution-method';
import { inputShape } from './input-gradients';
import { meanAndVariance, noisyGradients, type TNoiseParams, ZNoiseParams } from './noisy-gradients';

/**
 * SmoothGrad: the mean of input gradients over noisy copies x + N(0, σ²), [C, H, W].
 * Smilkov et al. 2017, "SmoothGrad: removing noise by adding noise" (arXiv:1706.03825).
 */
export const smoothgrad: AttributionMethod<TNoiseParams> = {
  id: 'smoothgrad',
  title: 'SmoothGrad',
  kind: 'input',
  citation: 'Smilkov et al. 2017, arXiv:1706.03825',
  schema: ZNoiseParams,
  needsLayer: false,
  async run(ctx, p) {
    const { gradients, sigma } = await noisyGradients(ctx, p);
    return {
      map: meanAndVariance(gradients).mean,
      shape: inputShape(ctx),
      parameters: { ...p },
      warnings: [],
      extras: { sigma },
    };
  },
};
