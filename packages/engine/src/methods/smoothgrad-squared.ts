import type { AttributionMethod } from './attribution-method';
import { inputShape } from './input-gradients';
import { meanAndVariance, noisyGradients, type TNoiseParams, ZNoiseParams } from './noisy-gradients';

/**
 * SmoothGrad²: the mean of squared input gradients over noisy copies, [C, H, W].
 * Hooker et al. 2019, "A Benchmark for Interpretability Methods in Deep Neural Networks" (arXiv:1806.10758),
 * building on Smilkov et al. 2017.
 */
export const smoothgradSquared: AttributionMethod<TNoiseParams> = {
  id: 'smoothgrad-squared',
  title: 'SmoothGrad²',
  kind: 'input',
  citation: 'Hooker et al. 2019, arXiv:1806.10758',
  schema: ZNoiseParams,
  needsLayer: false,
  async run(ctx, p) {
    const { gradients, sigma } = await noisyGradients(ctx, p);
    return {
      map: meanAndVariance(gradients, true).mean,
      shape: inputShape(ctx),
      parameters: { ...p },
      warnings: [],
      extras: { sigma },
    };
  },
};
