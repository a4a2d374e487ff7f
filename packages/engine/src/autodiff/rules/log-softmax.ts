import { normAxis, reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * LogSoftmax (opset ≥ 13: along one `axis`, default −1): y = x − ln Σ_axis eˣ, so
 * dx = dy − softmax(x) ⊙ Σ_axis dy, with softmax(x) = eʸ.
 */
export const logSoftmaxVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  if (ctx.opset < 13) ctx.unsupported('before opset 13 LogSoftmax flattens the input to 2-D around its axis');
  const e = ctx.emitter;
  const y = ctx.node.output[0]!;
  const axis = normAxis(ctx.attrInt('axis', -1), ctx.facts(y).dims.length);
  const total = reduceSum(ctx, gy, [axis], true);
  return [e.op('Sub', [gy, e.op('Mul', [e.op('Exp', [y]), total])])];
};
