import { z } from 'zod';
import type { AttributionMethod } from './attribution-method';
import { layerGradients } from './layer-gradients';

/**
 * LayerCAM: ReLU(Σ_k ReLU(∂f_c/∂A_k) ⊙ A_k), [h, w]: positive gradients weight each location separately,
 * which keeps finer detail at shallower layers. Jiang et al. 2021, "LayerCAM: Exploring Hierarchical Class
 * Activation Maps for Localization" (IEEE TIP 30).
 */
export const layercam: AttributionMethod = {
  id: 'layercam',
  title: 'LayerCAM',
  kind: 'cam',
  citation: 'Jiang et al. 2021, IEEE Transactions on Image Processing 30:5875–5888',
  schema: z.object({}),
  needsLayer: true,
  async run(ctx) {
    const { a, g, c, h, w, logits } = await layerGradients(ctx);
    const hw = h * w;
    const map = new Float32Array(hw);
    for (let k = 0; k < c; k++) for (let i = 0; i < hw; i++) map[i]! += Math.max(g[k * hw + i]!, 0) * a[k * hw + i]!;
    for (let i = 0; i < hw; i++) if (map[i]! < 0) map[i] = 0;
    return { map, shape: [h, w], parameters: {}, warnings: [], extras: {}, logits };
  },
};
