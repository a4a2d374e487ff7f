import type { OnnxModel, OnnxValueInfo } from '../onnx/onnx-types';

export interface GraphInfo {
  /** Graph inputs that are not initializers: what a caller feeds. */
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  readonly initializerNames: ReadonlySet<string>;
  readonly opsetVersion: number;
}

/** Facts about a model's interface that cards are checked against. */
export function graphInfo(model: OnnxModel): GraphInfo {
  const initializerNames = new Set(model.graph.initializer.map((t) => t.name));
  const opset = model.opsetImport.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  return {
    inputs: model.graph.input.filter((i) => !initializerNames.has(i.name)),
    outputs: model.graph.output,
    initializerNames,
    opsetVersion: opset?.version ?? 0,
  };
}

/** Shape as text for messages, e.g. [batch, 3, 224, 224]. */
export function formatShape(vi: OnnxValueInfo): string {
  if (!vi.shape) return '[unknown rank]';
  return `[${vi.shape.map((d) => d.value ?? d.param ?? '?').join(', ')}]`;
}
