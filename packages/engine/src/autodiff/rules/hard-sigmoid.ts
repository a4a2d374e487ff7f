import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * HardSigmoid: y = max(0, min(1, alpha · x + beta)) (alpha 0.2, beta 0.5 by default; torchvision's
 * Hardsigmoid exports alpha = 1/6). dx = alpha · dy where 0 < y < 1, and 0 where y is clamped (read from the
 * output, whose clamped values are exactly 0 and 1).
 */
export const hardSigmoidVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const alpha = ctx.attrFloat('alpha', 0.2);
  const linear = e.op('And', [e.op('Greater', [y, scalarLike(ctx, 0, y)]), e.op('Less', [y, scalarLike(ctx, 1, y)])]);
  return [e.op('Where', [linear, e.op('Mul', [gy, scalarLike(ctx, alpha, y)]), scalarLike(ctx, 0, y)])];
};
