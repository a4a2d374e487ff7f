import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { reducedAxes, withReducedDims } from './reduce-geometry';

/**
 * ReduceMax over axes A (attribute before opset 18, input from 18; keepdims; noop_with_empty_axes): the
 * gradient goes to the elements equal to the max, shared equally where several tie (the max is not
 * differentiable there; this is the subgradient TensorFlow uses): dx = dy · [x = y] / Σ_A [x = y].
 */
export const reduceMaxVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const axes = reducedAxes(ctx);
  if (!axes) return [gy];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = withReducedDims(ctx, ctx.node.output[0]!, axes);
  const mask = e.op('Cast', [e.op('Equal', [x, y])], { to: 1 });
  const share = e.op('Div', [withReducedDims(ctx, gy, axes), reduceSum(ctx, mask, axes, true)]);
  return [e.op('Mul', [share, mask])];
};
