import type { VjpRule } from '../vjp-rule';
import { reducedAxes, withReducedDims } from './reduce-geometry';

/**
 * ReduceSum over axes A (attribute or constant input; keepdims; noop_with_empty_axes): ∂y/∂x is 1 for every
 * element summed, so dx = dy with the reduced axes restored as size 1, expanded to x's shape.
 */
export const reduceSumVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const axes = reducedAxes(ctx);
  if (!axes) return [gy];
  const e = ctx.emitter;
  return [e.op('Expand', [withReducedDims(ctx, gy, axes), e.shapeOf(ctx.node.input[0]!)])];
};
