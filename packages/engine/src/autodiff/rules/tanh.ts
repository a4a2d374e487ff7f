import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/** Tanh: dx = dy · (1 − y²). */
export const tanhVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const slope = e.op('Sub', [scalarLike(ctx, 1, y), e.op('Mul', [y, y])]);
  return [e.op('Mul', [gy, slope])];
};
