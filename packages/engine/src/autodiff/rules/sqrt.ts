import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/** Sqrt: y = √x, so dx = dy / (2y). */
export const sqrtVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  return [e.op('Div', [e.op('Mul', [gy, scalarLike(ctx, 0.5, y)]), y])];
};
