import type { AttributionMethod } from './attribution-method';
import { inputShape } from './input-gradients';
import { meanAndVariance, noisyGradients, type TNoiseParams, ZNoiseParams } from './noisy-gradients';

/**
 * VarGrad: the variance of input gradients over noisy copies, [C, H, W].
 * Adebayo et al. 2018, "Local Explanation Methods for Deep Neural Networks Lack Sensitivity to Parameter
 * Values" (arXiv:1810.03307); Hooker et al. 2019.
 */
export const vargrad: AttributionMethod<TNoiseParams> = {
  id: 'vargrad',
  title: 'VarGrad',
  kind: 'input',
  citation: 'Adebayo et al. 2018, arXiv:1810.03307',
  schema: ZNoiseParams,
  needsLayer: false,
  async run(ctx, p) {
    const { gradients, sigma } = await noisyGradients(ctx, p);
    return {
      map: meanAndVariance(gradients).variance,
      shape: inputShape(ctx),
      parameters: { ...p },
      warnings: [],
      extras: { sigma },
    };
  },
};
