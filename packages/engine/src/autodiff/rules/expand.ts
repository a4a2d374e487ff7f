import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Expand: y = x broadcast to a shape (numpy rules), so dx = unbroadcast(dy): dy summed over the leading
 * axes x lacks and over the axes where x has size 1, then reshaped to x. The shape input gets no gradient.
 */
export const expandVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  return [unbroadcast(ctx, gy, ctx.node.output[0]!, ctx.node.input[0]!)];
};
