import { z } from 'zod';
import { type AttributionMethod, SANITY_CHECK_WARNING } from './attribution-method';
import { inputGradients, inputShape } from './input-gradients';

export const NOTHING_GUIDED =
  'this model has no ReLU or SiLU activation on the gradient path, so guided backpropagation equals the plain gradient (saliency) here';

/**
 * Guided Backpropagation: the input gradient where every ReLU also blocks negative incoming gradients,
 * [C, H, W]. Springenberg et al. 2015, "Striving for Simplicity: The All Convolutional Net"
 * (arXiv:1412.6806). SiLU activations (x · σ(x)) are gated the same way, passing only positive gradients
 * where their slope is positive (see the Mul rule); on a model with neither, the result is the plain
 * gradient and a warning says so. Carries the sanity-check warning (Adebayo et al. 2018).
 */
export const guidedBackprop: AttributionMethod = {
  id: 'guided-backprop',
  title: 'Guided Backpropagation',
  kind: 'input',
  citation: 'Springenberg et al. 2015, arXiv:1412.6806',
  schema: z.object({}),
  sanityWarning: SANITY_CHECK_WARNING,
  needsLayer: false,
  async run(ctx) {
    const { gradients, guidedGates } = await inputGradients(ctx, [ctx.input], 'guided');
    return {
      map: gradients[0]!,
      shape: inputShape(ctx),
      parameters: {},
      warnings: [`guided-backprop ${SANITY_CHECK_WARNING}`, ...(guidedGates === 0 ? [NOTHING_GUIDED] : [])],
      extras: {},
    };
  },
};
