import { makeModel, makeNode, makeValueInfo, type TAttrValue } from '../src/onnx/make-model';
import type { OnnxModel, OnnxTensor } from '../src/onnx/onnx-types';
import { type Feeds, randomValues } from './check-vjp';

export interface SingleOpModelOptions {
  readonly op: string;
  /** The node's inputs in order ('' for an omitted optional input): float graph inputs or constants. */
  readonly inputs: readonly string[];
  /** The float graph inputs (names and dims; data is ignored here). */
  readonly feeds: Feeds;
  /** Int64/float constants (shapes, axes, indices) given as initializers. */
  readonly constants?: readonly OnnxTensor[];
  readonly attrs?: Record<string, TAttrValue>;
  /** Number of node outputs, named y, y1, y2…; the first is the graph output. Default 1. */
  readonly outputs?: number;
  readonly opset?: number;
}

/** A model made of one node whose first output is the graph output, for vector-Jacobian rule tests. */
export function makeSingleOpModel(o: SingleOpModelOptions): OnnxModel {
  const outputs = Array.from({ length: o.outputs ?? 1 }, (_, i) => (i === 0 ? 'y' : `y${i}`));
  return makeModel({
    nodes: [makeNode(o.op, [...o.inputs], outputs, o.attrs ?? {})],
    inputs: Object.entries(o.feeds).map(([name, f]) => makeValueInfo(name, f.dims)),
    outputs: [makeValueInfo('y')],
    initializers: [...(o.constants ?? [])],
    opset: o.opset ?? 17,
  });
}

/** Deterministic random float feeds, one per named shape, seeded from `seed` (each with its own stream). */
export function randomFeeds(shapes: Record<string, readonly number[]>, seed = 1): Feeds {
  const feeds: Feeds = {};
  Object.entries(shapes).forEach(([name, dims], k) => {
    const n = dims.reduce((a, d) => a * d, 1);
    feeds[name] = { dims: [...dims], data: randomValues(n, seed * 1000 + k) };
  });
  return feeds;
}
