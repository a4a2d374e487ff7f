import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { normalizationBackward } from './normalization-backward';

/**
 * InstanceNormalization (Ulyanov et al. 2016; PyTorch exports GroupNorm through it) over the spatial axes
 * S = [2, rank) of x [N, C, ...]: with μ = mean_S(x), r = 1/√(mean_S((x−μ)²) + ε), x̂ = (x − μ)·r and
 * y = x̂·scale[c] + B[c], and g = dy·scale[c]:
 *   dx = r · (g − mean_S(g) − x̂ · mean_S(g·x̂)),
 *   dscale[c] = Σ_{n,S} dy·x̂, dB[c] = Σ_{n,S} dy.
 * μ and r are recomputed from x.
 */
export const instanceNormalizationVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [x, scale] = ctx.node.input as [string, string, string];
  const rank = ctx.facts(x).dims.length;
  const spatial = Array.from({ length: rank - 2 }, (_, i) => i + 2);
  const { xhat, inputGrad } = normalizationBackward(ctx, x, spatial, ctx.attrFloat('epsilon', 1e-5));
  // scale [C] → [C, 1, ..., 1] so it broadcasts against [N, C, ...].
  const perChannel = () => e.op('Unsqueeze', [scale, e.int64(spatial.map((axis) => axis - 1))]);
  const gx = ctx.needsGrad(0) ? inputGrad(e.op('Mul', [gy, perChannel()])) : undefined;
  const notChannel = [0, ...spatial];
  const gScale = ctx.needsGrad(1) ? reduceSum(ctx, e.op('Mul', [gy, xhat]), notChannel, false) : undefined;
  const gBias = ctx.needsGrad(2) ? reduceSum(ctx, gy, notChannel, false) : undefined;
  return [gx, gScale, gBias];
};
