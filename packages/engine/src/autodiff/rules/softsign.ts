import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/** Softsign: y = x / (1 + |x|), so dx = dy / (1 + |x|)². */
export const softsignVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const denominator = e.op('Add', [e.op('Abs', [x]), scalarLike(ctx, 1, x)]);
  return [e.op('Div', [gy, e.op('Mul', [denominator, denominator])])];
};
