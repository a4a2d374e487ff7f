import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { layerGradients, weightedSum } from './layer-gradients';

/**
 * Grad-CAM: ReLU(Σ_k α_k A_k) with α_k = the spatial mean of ∂f_c/∂A_k, [h, w] at the layer's resolution.
 * Selvaraju et al. 2017, "Grad-CAM: Visual Explanations from Deep Networks via Gradient-based Localization"
 * (arXiv:1610.02391). On a global-average-pool + linear head at the last conv layer it equals CAM (Zhou et al. 2016)
 * up to a positive factor.
 */
export const gradcam: AttributionMethod = {
  id: 'gradcam',
  title: 'Grad-CAM',
  kind: 'cam',
  citation: 'Selvaraju et al. 2017, arXiv:1610.02391',
  schema: z.object({}),
  needsLayer: true,
  async run(ctx) {
    const { a, g, c, h, w, logits } = await layerGradients(ctx);
    const hw = h * w;
    const alpha = new Float64Array(c);
    for (let k = 0; k < c; k++) {
      let s = 0;
      for (let i = 0; i < hw; i++) s += g[k * hw + i]!;
      alpha[k] = s / hw;
    }
    return { map: weightedSum(a, alpha, c, hw), shape: [h, w], parameters: {}, warnings: [], extras: {}, logits };
  },
};
