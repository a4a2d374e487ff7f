import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';
import { reducedAxes, withReducedDims } from './reduce-geometry';

/**
 * ReduceL2 over axes A (attribute or constant input; keepdims; noop_with_empty_axes): y = √(Σ_A x²), so
 * dx = dy · x / y, with y restored to x's rank. Where y = 0 every x summed is 0 and the subgradient 0 is taken
 * (the division is by 1 there instead of 0). PyTorch's F.normalize exports through it.
 */
export const reduceL2Vjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const axes = reducedAxes(ctx);
  // No reduction: y = √(x²) = |x|.
  if (!axes) return [e.op('Mul', [gy, e.op('Sign', [x])])];
  const y = withReducedDims(ctx, ctx.node.output[0]!, axes);
  const zero = e.op('Equal', [y, scalarLike(ctx, 0, x)]);
  const safe = e.op('Where', [zero, scalarLike(ctx, 1, x), y]);
  return [e.op('Mul', [withReducedDims(ctx, gy, axes), e.op('Div', [x, safe])])];
};
