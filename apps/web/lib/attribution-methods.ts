/** The engine's attribution methods (ids as the API takes them) with short descriptions for the picker. */
export const ATTRIBUTION_METHODS: ReadonlyArray<{ id: string; name: string; hint: string }> = [
  { id: 'gradcam', name: 'Grad-CAM', hint: 'coarse, class-discriminative regions' },
  { id: 'gradcam-plus-plus', name: 'Grad-CAM++', hint: 'Grad-CAM weighting for several instances' },
  { id: 'xgradcam', name: 'XGrad-CAM', hint: 'axiom-based Grad-CAM variant' },
  { id: 'hirescam', name: 'HiResCAM', hint: 'element-wise gradient × activation' },
  { id: 'layercam', name: 'LayerCAM', hint: 'finer CAM from positive gradients' },
  { id: 'saliency', name: 'Saliency', hint: 'plain input gradient' },
  { id: 'input-x-gradient', name: 'Input × Gradient', hint: 'signed, pixel-level' },
  { id: 'integrated-gradients', name: 'Integrated Gradients', hint: 'signed, sums to the score change; slower' },
  { id: 'smoothgrad', name: 'SmoothGrad', hint: 'noise-averaged gradient; slower' },
  { id: 'smoothgrad-squared', name: 'SmoothGrad²', hint: 'squared SmoothGrad; slower' },
  { id: 'vargrad', name: 'VarGrad', hint: 'variance of noisy gradients; slower' },
  { id: 'guided-backprop', name: 'Guided Backprop', hint: 'sharp edges; fails a model-randomisation sanity check' },
  { id: 'guided-gradcam', name: 'Guided Grad-CAM', hint: 'Guided Backprop × Grad-CAM; same sanity-check caveat' },
];

export function methodName(id: string): string {
  return ATTRIBUTION_METHODS.find((method) => method.id === id)?.name ?? id;
}
