import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * BatchNormalization in inference mode, per channel c (axis 1 of x [N, C, …]):
 *   y = scale·(x − mean)·k + B with k = 1/sqrt(var + ε).
 * dx = dy·scale·k broadcast over [N, C, …]; with Σ over every axis but 1:
 * dscale = Σ dy·(x − mean)·k, dB = Σ dy, dmean = −scale·k·Σ dy, dvar = −½·scale·k³·Σ dy·(x − mean).
 * The per-channel factors are computed in the graph, so scale, B, mean and var need not be constants.
 * Training mode (training_mode = 1, or the running-statistics outputs before opset 14) normalises with the
 * batch's own statistics, which couples the samples: refused.
 */
export const batchNormalizationVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const training =
    ctx.attrInt('training_mode', 0) === 1 || (ctx.opset < 14 && ctx.node.output.slice(1).some((o) => o !== ''));
  if (training) ctx.unsupported('training mode normalises with the batch statistics; export the model in eval mode');
  const e = ctx.emitter;
  const [x, scale, , mean, variance] = ctx.node.input as [string, string, string, string, string];
  const rank = ctx.facts(x).dims.length;
  const others = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2)];
  // [C] → [C, 1, …, 1] to broadcast against [N, C, …].
  const perChannel = (t: string) =>
    rank > 2 ? e.op('Reshape', [t, e.int64([-1, ...others.slice(1).map(() => 1)])]) : t;
  const k = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [variance, e.scalar(ctx.attrFloat('epsilon', 1e-5))])])]);
  const scaleK = e.op('Mul', [scale, k]);
  const centred = ctx.needsGrad(1) || ctx.needsGrad(4) ? e.op('Sub', [x, perChannel(mean)]) : undefined;
  const gx = ctx.needsGrad(0) ? e.op('Mul', [gy, perChannel(scaleK)]) : undefined;
  const sumGy = ctx.needsGrad(2) || ctx.needsGrad(3) ? reduceSum(ctx, gy, others, false) : undefined;
  const sumGyCentred = centred ? reduceSum(ctx, e.op('Mul', [gy, centred]), others, false) : undefined;
  const gScale = ctx.needsGrad(1) ? e.op('Mul', [sumGyCentred!, k]) : undefined;
  const gMean = ctx.needsGrad(3) ? e.op('Neg', [e.op('Mul', [sumGy!, scaleK])]) : undefined;
  const gVar = ctx.needsGrad(4)
    ? e.op('Mul', [sumGyCentred!, e.op('Mul', [e.op('Mul', [scaleK, e.op('Mul', [k, k])]), e.scalar(-0.5)])])
    : undefined;
  return [gx, gScale, sumGy, gMean, gVar];
};
