import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { layerGradients } from './layer-gradients';

/**
 * HiResCAM: ReLU(Σ_k ∂f_c/∂A_k ⊙ A_k), element-wise instead of averaging the gradient, [h, w]. Faithful to
 * the model when the head is a global-average-pool and linear layer.
 * Draelos & Carin 2020, "Use HiResCAM instead of Grad-CAM for faithful explanations" (arXiv:2011.08891).
 */
export const hirescam: AttributionMethod = {
  id: 'hirescam',
  title: 'HiResCAM',
  kind: 'cam',
  citation: 'Draelos & Carin 2020, arXiv:2011.08891',
  schema: z.object({}),
  needsLayer: true,
  async run(ctx) {
    const { a, g, c, h, w, logits } = await layerGradients(ctx);
    const hw = h * w;
    const map = new Float32Array(hw);
    for (let k = 0; k < c; k++) for (let i = 0; i < hw; i++) map[i]! += g[k * hw + i]! * a[k * hw + i]!;
    for (let i = 0; i < hw; i++) if (map[i]! < 0) map[i] = 0;
    return { map, shape: [h, w], parameters: {}, warnings: [], extras: {}, logits };
  },
};
