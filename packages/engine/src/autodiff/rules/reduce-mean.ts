import type { VjpRule } from '../vjp-rule';
import { reducedAxes, withReducedDims } from './reduce-geometry';

/**
 * ReduceMean over axes A (attribute before opset 18, input from 18; keepdims; noop_with_empty_axes):
 * y = Σ_A x / n with n = Π_A dₖ, so dx = dy / n with the reduced axes restored, expanded to x's shape.
 * n is a constant unless a reduced axis follows the batch; then 1/n = size(y) / size(x) at run time.
 */
export const reduceMeanVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const axes = reducedAxes(ctx);
  if (!axes) return [gy];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const fx = ctx.facts(x);
  const scale = axes.some((a) => fx.dynamic[a])
    ? e.op('Div', [
        e.op('Cast', [e.op('Size', [ctx.node.output[0]!])], { to: 1 }),
        e.op('Cast', [e.op('Size', [x])], { to: 1 }),
      ])
    : e.scalar(1 / axes.reduce((n, a) => n * fx.dims[a]!, 1));
  return [e.op('Expand', [e.op('Mul', [withReducedDims(ctx, gy, axes), scale]), e.shapeOf(x)])];
};
