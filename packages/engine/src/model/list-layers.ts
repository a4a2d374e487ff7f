import type { Classifier } from './classifier';
import { type ProbedTensor, probeTensorShapes } from './probe-tensor-shapes';

export interface LayerCandidate extends ProbedTensor {
  /** 4-D [N, C, h, w] with h > 1 and w > 1: usable by CAM methods (isSpatialMap). */
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
 * A 4-D tensor read as [N, C, h, w] with h > 1 and w > 1. Both must exceed 1, not only h·w: a [N, 1, 1, C]
 * tensor is a channels-last view of a pooled vector (ConvNeXt's LayerNorm2d permutes to NHWC and back), not a
 * 1 × C map.
 */
export function isSpatialMap(dims: readonly number[]): boolean {
  return dims.length === 4 && (dims[2] ?? 0) > 1 && (dims[3] ?? 0) > 1;
}

/**
 * The default CAM layer: the last 4-D float activation with spatial size above 1 (isSpatialMap) that feeds the
 * output (in graph order), the usual Grad-CAM choice (Selvaraju et al. 2017).
 */
export function pickDefaultCamLayer(
  tensors: readonly ProbedTensor[],
  reachesOutput: ReadonlySet<string>,
): string | undefined {
  let best: ProbedTensor | undefined;
  for (const t of tensors) {
    if (t.type !== 'float32' || !isSpatialMap(t.dims) || !reachesOutput.has(t.name)) continue;
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
    spatial: isSpatialMap(t.dims),
    isDefaultCamLayer: t.name === def,
  }));
  return withFlags.sort((a, b) => Number(b.spatial) - Number(a.spatial) || b.nodeIndex - a.nodeIndex);
}

export { ancestorsOfOutput };
