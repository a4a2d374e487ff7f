import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { layerGradients, weightedSum } from './layer-gradients';

/**
 * XGrad-CAM: α_k = Σ_ij (A^k_ij / Σ_ab A^k_ab) · ∂f_c/∂A^k_ij; map = ReLU(Σ_k α_k A_k), [h, w].
 * Fu et al. 2020, "Axiom-based Grad-CAM: Towards Accurate Visualization and Explanation of CNNs"
 * (arXiv:2008.02312).
 */
export const xgradcam: AttributionMethod = {
  id: 'xgradcam',
  title: 'XGrad-CAM',
  kind: 'cam',
  citation: 'Fu et al. 2020, arXiv:2008.02312',
  schema: z.object({}),
  needsLayer: true,
  async run(ctx) {
    const { a, g, c, h, w, logits } = await layerGradients(ctx);
    const hw = h * w;
    const alpha = new Float64Array(c);
    for (let k = 0; k < c; k++) {
      let sumA = 0;
      let s = 0;
      for (let i = 0; i < hw; i++) {
        sumA += a[k * hw + i]!;
        s += a[k * hw + i]! * g[k * hw + i]!;
      }
      alpha[k] = s / (sumA + 1e-7);
    }
    return { map: weightedSum(a, alpha, c, hw), shape: [h, w], parameters: {}, warnings: [], extras: {}, logits };
  },
};
