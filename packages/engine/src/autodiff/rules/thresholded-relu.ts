import type { VjpRule } from '../vjp-rule';
import { castLike, scalarLike } from './element-type';

/** ThresholdedRelu: y = x for x > α, else 0 (α defaults to 1), so dx = dy · [x > α]. */
export const thresholdedReluVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const above = e.op('Greater', [x, scalarLike(ctx, ctx.attrFloat('alpha', 1), x)]);
  return [e.op('Mul', [gy, castLike(ctx, above, x)])];
};
