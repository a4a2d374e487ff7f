import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { layerGradients, weightedSum } from './layer-gradients';

/**
 * Grad-CAM++: α_k = Σ_ij a^kc_ij · ReLU(∂f_c/∂A^k_ij) with a^kc_ij = g² / (2g² + Σ_ab A^k_ab · g³), the
 * closed form for an exponential output used by the reference implementations; map = ReLU(Σ_k α_k A_k), [h, w].
 * Chattopadhay et al. 2018, "Grad-CAM++: Improved Visual Explanations for Deep Convolutional Networks"
 * (arXiv:1710.11063).
 */
export const gradcamPlusPlus: AttributionMethod = {
  id: 'gradcam-plus-plus',
  title: 'Grad-CAM++',
  kind: 'cam',
  citation: 'Chattopadhay et al. 2018, arXiv:1710.11063',
  schema: z.object({}),
  needsLayer: true,
  async run(ctx) {
    const { a, g, c, h, w, logits } = await layerGradients(ctx);
    const hw = h * w;
    const alpha = new Float64Array(c);
    for (let k = 0; k < c; k++) {
      let sumA = 0;
      for (let i = 0; i < hw; i++) sumA += a[k * hw + i]!;
      let s = 0;
      for (let i = 0; i < hw; i++) {
        const gi = g[k * hw + i]!;
        if (gi === 0) continue;
        const g2 = gi * gi;
        const denom = 2 * g2 + sumA * g2 * gi;
        const aij = denom !== 0 ? g2 / denom : 0;
        s += aij * Math.max(gi, 0);
      }
      alpha[k] = s;
    }
    return { map: weightedSum(a, alpha, c, hw), shape: [h, w], parameters: {}, warnings: [], extras: {}, logits };
  },
};
