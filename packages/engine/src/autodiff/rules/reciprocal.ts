import type { VjpRule } from '../vjp-rule';

/** Reciprocal: y = 1/x, so dx = −dy / x² = −dy · y². */
export const reciprocalVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  return [e.op('Neg', [e.op('Mul', [gy, e.op('Mul', [y, y])])])];
};
