import { normAxis, reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Softmax (opset ≥ 13: normalised along one `axis`, default −1): y = eˣ / Σ_axis eˣ, so
 * dx = y ⊙ (dy − Σ_axis(dy ⊙ y)).
 */
export const softmaxVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  if (ctx.opset < 13) ctx.unsupported('before opset 13 Softmax flattens the input to 2-D around its axis');
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const axis = normAxis(ctx.attrInt('axis', -1), ctx.facts(y).dims.length);
  const dot = reduceSum(ctx, e.op('Mul', [gy, y]), [axis], true);
  return [e.op('Mul', [y, e.op('Sub', [gy, dot])])];
};
