import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Sum (variadic, broadcasting): y = Σᵢ xᵢ, so dxᵢ = unbroadcast(dy) for every input. */
export const sumVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const y = ctx.node.output[0]!;
  return ctx.node.input.map((inp, i) => (ctx.needsGrad(i) ? unbroadcast(ctx, gy, y, inp) : undefined));
};
