import type { TAttrValue } from '../src/onnx/make-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { makeInt64Tensor } from '../src/onnx/tensor-data';
import type { Feeds } from './check-vjp';
import { makeSingleOpModel, randomFeeds } from './make-single-op-model';

export interface ReduceCase {
  readonly dims: number[];
  readonly axes: number[] | undefined;
  readonly attrs: Record<string, number>;
  readonly opset?: number;
}

/**
 * Axes lists, keepdims, noop_with_empty_axes and both forms of the axes (attribute before opset 18, input from 18).
 * Every x has over 32 values, so checkVjp checks it along random directions only: along a single element where the
 * gradient is small, float32 rounding of the forward pass alone can reach the 1e-3 tolerance.
 */
export const REDUCE_CASES: readonly ReduceCase[] = [
  { dims: [3, 4, 5], axes: [1], attrs: {} },
  { dims: [3, 4, 5], axes: [-1, 0], attrs: { keepdims: 0 } },
  { dims: [6, 7], axes: undefined, attrs: { keepdims: 0 } },
  { dims: [3, 4, 5], axes: [2], attrs: { keepdims: 0 }, opset: 18 },
  { dims: [6, 7], axes: undefined, attrs: { noop_with_empty_axes: 1 }, opset: 18 },
];

/**
 * A one-node model of a reduction whose axes moved from an attribute to a constant input at opset 18 (ReduceL2,
 * ReduceSumSquare, ReduceMean, ReduceMax…), with random feeds for x.
 */
export function makeReduceModel(op: string, c: ReduceCase): { model: OnnxModel; feeds: Feeds } {
  const opset = c.opset ?? 17;
  const feeds = randomFeeds({ x: c.dims }, 31);
  const attrs: Record<string, TAttrValue> = { ...c.attrs };
  const constants = [];
  if (c.axes && opset < 18) attrs.axes = c.axes;
  if (c.axes && opset >= 18) constants.push(makeInt64Tensor('axes', [c.axes.length], c.axes));
  const inputs = c.axes && opset >= 18 ? ['x', 'axes'] : ['x'];
  return { model: makeSingleOpModel({ op, inputs, feeds, constants, attrs, opset }), feeds };
}
