import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { inputGradients, inputShape } from './input-gradients';

/**
 * Input × Gradient: x ⊙ ∂f_c/∂x in model-input space, [C, H, W].
 * Shrikumar et al. 2016, "Not Just a Black Box: Learning Important Features Through Propagating
 * Activation Differences" (arXiv:1605.01713). For a linear model it is exactly each pixel's contribution.
 */
export const inputXGradient: AttributionMethod = {
  id: 'input-x-gradient',
  title: 'Input × Gradient',
  kind: 'input',
  citation: 'Shrikumar et al. 2016, arXiv:1605.01713',
  schema: z.object({}),
  needsLayer: false,
  async run(ctx) {
    const { gradients, logits } = await inputGradients(ctx, [ctx.input]);
    const g = gradients[0]!;
    const map = g.map((v, i) => v * ctx.input[i]!);
    return { map, shape: inputShape(ctx), parameters: {}, warnings: [], extras: {}, logits: logits[0]! };
  },
};
