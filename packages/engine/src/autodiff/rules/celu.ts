import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * Celu (Barron 2017): y = max(0, x) + min(0, α·(e^(x/α) − 1)) (α defaults to 1), so dx = dy for x > 0 and
 * dy·e^(x/α) = dy·(y/α + 1) for x ≤ 0, read from the output (continuous at 0, where both are dy).
 */
export const celuVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const alpha = ctx.attrFloat('alpha', 1);
  const positive = e.op('Greater', [x, scalarLike(ctx, 0, x)]);
  const negativeSlope = e.op('Add', [e.op('Div', [y, scalarLike(ctx, alpha, x)]), scalarLike(ctx, 1, x)]);
  return [e.op('Where', [positive, gy, e.op('Mul', [gy, negativeSlope])])];
};
