import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * Where (broadcasting): y = cond ? a : b, so da = unbroadcast(cond ? dy : 0), db = unbroadcast(cond ? 0 : dy).
 * The boolean condition gets no gradient.
 */
export const whereVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [cond, a, b] = ctx.node.input as [string, string, string];
  const y = ctx.node.output[0]!;
  const zero = () => scalarLike(ctx, 0, y);
  return [
    undefined,
    ctx.needsGrad(1) ? unbroadcast(ctx, e.op('Where', [cond, gy, zero()]), y, a) : undefined,
    ctx.needsGrad(2) ? unbroadcast(ctx, e.op('Where', [cond, zero(), gy]), y, b) : undefined,
  ];
};
