import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { castLike } from './element-type';

/**
 * Max and Min (variadic, broadcasting): y = max/min over the inputs, elementwise. The gradient goes to the
 * input that was selected: dxᵢ = unbroadcast(dy · [xᵢ = y] / #{j : xⱼ = y}). Where several inputs tie for
 * the extremum the gradient is shared equally between them (for two inputs, PyTorch's convention), so the
 * total passed on always equals dy. The comparison is exact: y is a copy of one of the inputs.
 */
export const maxMinVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const inputs = ctx.node.input;
  if (inputs.length === 1) return [ctx.needsGrad(0) ? gy : undefined];
  const masks = inputs.map((inp) => castLike(ctx, e.op('Equal', [inp, y]), y));
  const share = e.op('Div', [gy, e.op('Sum', masks)]);
  return inputs.map((inp, i) =>
    ctx.needsGrad(i) ? unbroadcast(ctx, e.op('Mul', [share, masks[i]!]), y, inp) : undefined,
  );
};
