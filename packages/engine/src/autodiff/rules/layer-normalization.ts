import { normAxis, unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { normalizationBackward } from './normalization-backward';

/**
 * LayerNormalization (opset 17) over the axes A = [axis, rank): with μ = mean_A(x), r = 1/√(mean_A((x−μ)²) + ε),
 * x̂ = (x − μ)·r and y = x̂·scale + bias, and g = dy·scale:
 *   dx = r · (g − mean_A(g) − x̂ · mean_A(g·x̂)),
 *   dscale = unbroadcast(dy·x̂), dbias = unbroadcast(dy).
 * μ and r are recomputed from x. Gradients flowing into the optional Mean / InvStdDev outputs are not supported.
 */
export const layerNormalizationVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (ctx.gradOutput(1) || ctx.gradOutput(2)) ctx.unsupported('its Mean / InvStdDev outputs are differentiated');
  if (!gy) return [];
  const e = ctx.emitter;
  const [x, scale, bias] = ctx.node.input as [string, string, string | undefined];
  const y = ctx.node.output[0]!;
  const rank = ctx.facts(x).dims.length;
  const axis = normAxis(ctx.attrInt('axis', -1), rank);
  const axes = Array.from({ length: rank - axis }, (_, i) => axis + i);
  const { xhat, inputGrad } = normalizationBackward(ctx, x, axes, ctx.attrFloat('epsilon', 1e-5));
  const gx = ctx.needsGrad(0) ? inputGrad(e.op('Mul', [gy, scale])) : undefined;
  const gScale = ctx.needsGrad(1) ? unbroadcast(ctx, e.op('Mul', [gy, xhat]), y, scale) : undefined;
  const gBias = bias && ctx.needsGrad(2) ? unbroadcast(ctx, gy, y, bias) : undefined;
  return [gx, gScale, gBias];
};
