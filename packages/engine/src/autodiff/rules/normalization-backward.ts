import { reduceMean } from '../rule-helpers';
import type { VjpContext } from '../vjp-rule';

/**
 * The shared part of normalisation layers' gradients (LayerNormalization, InstanceNormalization). Over the axes A,
 * with μ = mean_A(x), r = 1/√(mean_A((x−μ)²) + ε) and x̂ = (x − μ)·r (recomputed from x), returns x̂ and a function
 * giving, for g = ∂L/∂x̂, dx = r · (g − mean_A(g) − x̂ · mean_A(g·x̂)).
 */
export function normalizationBackward(
  ctx: VjpContext,
  x: string,
  axes: readonly number[],
  epsilon: number,
): { xhat: string; inputGrad: (g: string) => string } {
  const e = ctx.emitter;
  const centred = e.op('Sub', [x, reduceMean(ctx, x, axes, true)]);
  const variance = reduceMean(ctx, e.op('Mul', [centred, centred]), axes, true);
  const rstd = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [variance, e.scalar(epsilon)])])]);
  const xhat = e.op('Mul', [centred, rstd]);
  const inputGrad = (g: string) => {
    const meanG = reduceMean(ctx, g, axes, true);
    const meanGx = reduceMean(ctx, e.op('Mul', [g, xhat]), axes, true);
    const inner = e.op('Sub', [e.op('Sub', [g, meanG]), e.op('Mul', [xhat, meanGx])]);
    return e.op('Mul', [inner, rstd]);
  };
  return { xhat, inputGrad };
}
