import { normAxis, zerosLike } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Split along `axis` into pieces yᵢ (sizes from the `split` input, else equal parts): x = [y₀ | y₁ | …], so
 * dx = Concat(dy₀, dy₁, …) along the axis, with zeros shaped like yᵢ for outputs that get no gradient.
 */
export const splitVjp: VjpRule = (ctx) => {
  if (!ctx.needsGrad(0)) return [];
  const grads = ctx.node.output.map((_, i) => ctx.gradOutput(i));
  if (grads.every((g) => g === undefined)) return [];
  const rank = ctx.facts(ctx.node.input[0]!).dims.length;
  const axis = normAxis(ctx.attrInt('axis', 0), rank);
  const pieces = ctx.node.output.map((y, i) => {
    if (!y) ctx.unsupported(`output ${i} is omitted, so its size along the split axis is unknown`);
    return grads[i] ?? zerosLike(ctx, y);
  });
  return [ctx.emitter.op('Concat', pieces, { axis })];
};
