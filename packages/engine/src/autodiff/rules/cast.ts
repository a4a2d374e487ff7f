import { isFloatTensor } from '../shape-table';
import type { VjpRule } from '../vjp-rule';
import { castLike } from './element-type';

/**
 * Cast between float types (float16, float32, float64): the identity up to rounding, so dx = dy cast back to
 * x's element type. A cast to or from an integer, boolean or string type carries no gradient.
 */
export const castVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  const x = ctx.node.input[0]!;
  if (!gy || !ctx.needsGrad(0) || !isFloatTensor(ctx.facts(x))) return [];
  if (!isFloatTensor(ctx.facts(ctx.node.output[0]!))) return [];
  return [castLike(ctx, gy, x)];
};
