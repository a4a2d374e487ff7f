import type { Classifier } from './classifier';
import { type ProbedTensor, probeTensorShapes } from './probe-tensor-shapes';

export interface LayerCandidate extends ProbedTensor {
  /** 4-D [N, C, h, w] with h·w > 1: usable by CAM methods. */
  readonly spatial: boolean;
  readonly isDefaultCamLayer: boolean;
}

/** Tensors that reach the output, keyed by name (the gradient can only flow through these). */
function ancestorsOfOutput(model: Classifier['onnx'], outputName: string): Set<string> {
  const producer = new Map<string, (typeof model.graph.node)[number]>();
  for (const n of model.graph.node) for (const o of n.output) producer.set(o, n);
  const seen = new Set<string>();
  const stack = [outputName];
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t)) continue;
    seen.add(t);
    const n = producer.get(t);
    if (n) for (const i of n.input) if (i) stack.push(i);
  }
  return seen;
}

/**
 * The default CAM layer: the last 4-D float activation with spatial size above 1 that feeds the output
 * (in graph order), the usual Grad-CAM choice (Selvaraju et al. 2017).
 */
export function pickDefaultCamLayer(
  tensors: readonly ProbedTensor[],
  reachesOutput: ReadonlySet<string>,
): string | undefined {
  let best: ProbedTensor | undefined;
  for (const t of tensors) {
    if (t.type !== 'float32' || t.dims.length !== 4 || !reachesOutput.has(t.name)) continue;
    if ((t.dims[2] ?? 0) * (t.dims[3] ?? 0) <= 1) continue;
    if (!best || t.nodeIndex >= best.nodeIndex) best = t;
  }
  return best?.name;
}

/** Candidate target layers: every float activation with its shape, spatial ones first (latest first), the default marked. */
export async function listLayers(model: Classifier): Promise<LayerCandidate[]> {
  const { channels, height, width } = model.card.input;
  const tensors = await probeTensorShapes(model.onnx, {
    [model.card.input.name]: { dims: [1, channels, height, width] },
  });
  const reaches = ancestorsOfOutput(model.onnx, model.card.output.name);
  const def = pickDefaultCamLayer(tensors, reaches);
  const floats = tensors.filter((t) => t.type === 'float32' && reaches.has(t.name));
  const withFlags = floats.map((t) => ({
    ...t,
    spatial: t.dims.length === 4 && (t.dims[2] ?? 0) * (t.dims[3] ?? 0) > 1,
    isDefaultCamLayer: t.name === def,
  }));
  return withFlags.sort((a, b) => Number(b.spatial) - Number(a.spatial) || b.nodeIndex - a.nodeIndex);
}

export { ancestorsOfOutput };
