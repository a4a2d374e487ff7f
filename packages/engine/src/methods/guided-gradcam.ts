import { z } from 'zod';
import { resizeBilinear } from '../preprocess/resize-bilinear';
import { type AttributionMethod, SANITY_CHECK_WARNING } from './attribution-method';
import { gradcam } from './gradcam';
import { guidedBackprop, NOTHING_GUIDED } from './guided-backprop';

/**
 * Guided Grad-CAM: Guided Backpropagation ⊙ the Grad-CAM map upsampled to the input size, [C, H, W].
 * Selvaraju et al. 2017 (arXiv:1610.02391). Inherits Guided Backpropagation's sanity-check failure
 * (Adebayo et al. 2018), so it carries the warning.
 */
export const guidedGradcam: AttributionMethod = {
  id: 'guided-gradcam',
  title: 'Guided Grad-CAM',
  kind: 'input',
  citation: 'Selvaraju et al. 2017, arXiv:1610.02391',
  schema: z.object({}),
  sanityWarning: SANITY_CHECK_WARNING,
  needsLayer: true,
  async run(ctx) {
    const cam = await gradcam.run(ctx, {});
    const gb = await guidedBackprop.run(ctx, {});
    const [c, hh, ww] = gb.shape as [number, number, number];
    const [h, w] = cam.shape as [number, number];
    const up = resizeBilinear(cam.map, 1, h, w, hh, ww);
    const map = gb.map.map((v, i) => v * up[i % (hh * ww)]!);
    return {
      map,
      shape: [c, hh, ww],
      parameters: {},
      warnings: [`guided-gradcam ${SANITY_CHECK_WARNING}`, ...gb.warnings.filter((w) => w === NOTHING_GUIDED)],
      extras: {},
    };
  },
};
