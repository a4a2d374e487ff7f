import type { VjpRule } from '../vjp-rule';

/** Abs: dx = dy · sign(x) (0 at x = 0, the subgradient PyTorch also takes). */
export const absVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  return [e.op('Mul', [gy, e.op('Sign', [ctx.node.input[0]!])])];
};
