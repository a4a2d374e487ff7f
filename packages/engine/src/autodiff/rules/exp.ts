import type { VjpRule } from '../vjp-rule';

/** Exp: y = eˣ, so dx = dy · y. */
export const expVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  return [ctx.emitter.op('Mul', [gy, ctx.node.output[0]!])];
};
