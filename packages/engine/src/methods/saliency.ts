import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { inputGradients, inputShape } from './input-gradients';

/**
 * Saliency: the raw gradient of the target logit w.r.t. the input, ∂f_c/∂x, signed, [C, H, W].
 * Simonyan, Vedaldi & Zisserman 2014, "Deep Inside Convolutional Networks: Visualising Image
 * Classification Models and Saliency Maps". Overlays show its absolute value (max over channels).
 */
export const saliency: AttributionMethod = {
  id: 'saliency',
  title: 'Saliency (gradient)',
  kind: 'input',
  citation: 'Simonyan et al. 2014, arXiv:1312.6034',
  schema: z.object({}),
  needsLayer: false,
  async run(ctx) {
    const { gradients, logits } = await inputGradients(ctx, [ctx.input]);
    return { map: gradients[0]!, shape: inputShape(ctx), parameters: {}, warnings: [], extras: {}, logits: logits[0]! };
  },
};
