import type { VjpRule } from '../vjp-rule';

/** Softplus: y = ln(1 + eˣ), so dx = dy · sigmoid(x). */
export const softplusVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  return [e.op('Mul', [gy, e.op('Sigmoid', [ctx.node.input[0]!])])];
};
