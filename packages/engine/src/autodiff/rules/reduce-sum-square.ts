import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';
import { reducedAxes, withReducedDims } from './reduce-geometry';

/**
 * ReduceSumSquare over axes A (attribute or constant input; keepdims; noop_with_empty_axes): y = Σ_A x², so
 * dx = 2·x·dy, with dy restored to x's rank.
 */
export const reduceSumSquareVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const axes = reducedAxes(ctx);
  const g = axes ? withReducedDims(ctx, gy, axes) : gy;
  return [e.op('Mul', [g, e.op('Mul', [x, scalarLike(ctx, 2, x)])])];
};
