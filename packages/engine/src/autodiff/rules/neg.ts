import type { VjpRule } from '../vjp-rule';

/** Neg: y = −x, so dx = −dy. */
export const negVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  return [ctx.emitter.op('Neg', [gy])];
};
