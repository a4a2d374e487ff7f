import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/** Sigmoid: y = 1 / (1 + e^−x), so dx = dy · y · (1 − y). */
export const sigmoidVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const slope = e.op('Mul', [y, e.op('Sub', [scalarLike(ctx, 1, y), y])]);
  return [e.op('Mul', [gy, slope])];
};
