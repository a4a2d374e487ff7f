import type { AttributionMethod } from './attribution-method';
import { gradcam } from './gradcam';
import { gradcamPlusPlus } from './gradcam-plus-plus';
import { guidedBackprop } from './guided-backprop';
import { guidedGradcam } from './guided-gradcam';
import { hirescam } from './hirescam';
import { inputXGradient } from './input-x-gradient';
import { integratedGradients } from './integrated-gradients';
import { layercam } from './layercam';
import { saliency } from './saliency';
import { smoothgrad } from './smoothgrad';
import { smoothgradSquared } from './smoothgrad-squared';
import { vargrad } from './vargrad';
import { xgradcam } from './xgradcam';

/** Every attribution method by id. Gradient-free methods (occlusion, RISE, LIME, KernelSHAP, Score-CAM) plug in here. */
export const METHODS: Readonly<Record<string, AttributionMethod<Record<string, unknown>>>> = Object.fromEntries(
  [
    gradcam,
    gradcamPlusPlus,
    xgradcam,
    hirescam,
    layercam,
    saliency,
    inputXGradient,
    integratedGradients,
    smoothgrad,
    smoothgradSquared,
    vargrad,
    guidedBackprop,
    guidedGradcam,
  ].map((m) => [m.id, m as AttributionMethod<Record<string, unknown>>]),
);

export const METHOD_IDS = Object.keys(METHODS);
