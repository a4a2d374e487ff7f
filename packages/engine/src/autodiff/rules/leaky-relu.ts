import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * LeakyRelu: y = x for x ≥ 0, alpha · x for x < 0 (alpha defaults to 0.01), so dx = dy for x ≥ 0 and
 * alpha · dy for x < 0 (the slope of the branch the forward pass took; at 0 that is 1).
 */
export const leakyReluVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const alpha = ctx.attrFloat('alpha', 0.01);
  const negative = e.op('Less', [x, scalarLike(ctx, 0, x)]);
  return [e.op('Where', [negative, e.op('Mul', [gy, scalarLike(ctx, alpha, x)]), gy])];
};
