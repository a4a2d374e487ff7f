import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * Elu (Clevert et al. 2016): y = x for x > 0, α·(eˣ − 1) for x ≤ 0 (α defaults to 1), so dx = dy for x > 0 and
 * dy·α·eˣ = dy·(y + α) for x ≤ 0 (the slope of the branch the forward pass took), read from the output.
 */
export const eluVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const alpha = ctx.attrFloat('alpha', 1);
  const positive = e.op('Greater', [x, scalarLike(ctx, 0, x)]);
  const negativeSlope = e.op('Add', [y, scalarLike(ctx, alpha, x)]);
  return [e.op('Where', [positive, gy, e.op('Mul', [gy, negativeSlope])])];
};
