import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Mul (broadcasting): da = unbroadcast(dy · b), db = unbroadcast(dy · a). */
export const mulVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [a, b] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  return [
    ctx.needsGrad(0) ? unbroadcast(ctx, e.op('Mul', [gy, b]), y, a) : undefined,
    ctx.needsGrad(1) ? unbroadcast(ctx, e.op('Mul', [gy, a]), y, b) : undefined,
  ];
};
