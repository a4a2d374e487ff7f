import type { VjpRule } from '../vjp-rule';

/**
 * Ops that only rearrange the same values in row-major order (Reshape, Flatten, Squeeze, Unsqueeze):
 * dx = reshape(dy, shape(x)). Their shape / axes inputs get no gradient.
 */
export const reshapeLikeVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const x = ctx.node.input[0]!;
  return [ctx.emitter.op('Reshape', [gy, ctx.emitter.shapeOf(x)])];
};
