import { oneMinusSigmoid } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Sigmoid: y = 1 / (1 + e^−x), so dx = dy · y · (1 − y), 1 − y by oneMinusSigmoid. */
export const sigmoidVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const slope = e.op('Mul', [y, oneMinusSigmoid(ctx, y)]);
  return [e.op('Mul', [gy, slope])];
};
