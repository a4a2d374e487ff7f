import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Div (broadcasting): y = a / b, so da = unbroadcast(dy / b) and db = unbroadcast(−dy · a / b²) = unbroadcast(−dy · y / b). */
export const divVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [a, b] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  return [
    ctx.needsGrad(0) ? unbroadcast(ctx, e.op('Div', [gy, b]), y, a) : undefined,
    ctx.needsGrad(1) ? unbroadcast(ctx, e.op('Neg', [e.op('Div', [e.op('Mul', [gy, y]), b])]), y, b) : undefined,
  ];
};
