import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Sub (broadcasting): da = unbroadcast(dy), db = −unbroadcast(dy). */
export const subVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const [a, b] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  return [
    ctx.needsGrad(0) ? unbroadcast(ctx, gy, y, a) : undefined,
    ctx.needsGrad(1) ? unbroadcast(ctx, ctx.emitter.op('Neg', [gy]), y, b) : undefined,
  ];
};
