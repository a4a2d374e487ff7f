import { LightboxError } from '@lightbox/contracts';
import { z } from 'zod';
import { type AttributionMethod, oneHot } from './attribution-method';
import { BASELINE_KINDS, makeBaseline } from './baselines';
import { inputShape } from './input-gradients';
import { INTEGRATION_RULES, integrationPoints } from './integration-rules';

export const ZIntegratedGradientsParams = z.object({
  steps: z.number().int().min(1).max(4096).default(32),
  integration: z.enum(INTEGRATION_RULES).default('gauss-legendre'),
  /** 'zero' | 'blur' | 'mean', or 'image' when the caller supplies a baseline image. */
  baseline: z.enum([...BASELINE_KINDS, 'image']).default('zero'),
});
export type TIntegratedGradientsParams = z.infer<typeof ZIntegratedGradientsParams>;

/** A result whose completeness gap exceeds this fraction of |f(x) − f(baseline)| carries a warning. */
export const GAP_WARNING = 0.01;

/**
 * Integrated Gradients: (x − x′) ⊙ ∫₀¹ ∂f_c/∂x (x′ + α(x − x′)) dα, [C, H, W], the integral by a quadrature
 * rule over `steps` points, all batched. Completeness (Σ attributions = f(x) − f(x′)) holds in the limit;
 * the gap is reported. Sundararajan, Taly & Yan 2017, "Axiomatic Attribution for Deep Networks"
 * (arXiv:1703.01365).
 */
export const integratedGradients: AttributionMethod<TIntegratedGradientsParams> = {
  id: 'integrated-gradients',
  title: 'Integrated Gradients',
  kind: 'input',
  citation: 'Sundararajan et al. 2017, arXiv:1703.01365',
  schema: ZIntegratedGradientsParams,
  needsLayer: false,
  async run(ctx, p) {
    const x = ctx.input;
    let baseline: Float32Array;
    if (p.baseline === 'image') {
      if (!ctx.baselineInput) throw new LightboxError('INVALID_ARGUMENT', 'baseline "image" needs a baseline image.');
      baseline = ctx.baselineInput;
    } else baseline = makeBaseline(p.baseline, x, ctx.classifier.card.input);
    const { alphas, weights } = integrationPoints(p.integration, p.steps);
    const n = x.length;
    const diff = new Float32Array(n);
    for (let i = 0; i < n; i++) diff[i] = x[i]! - baseline[i]!;
    // The points x′ + α(x − x′) and the weighted sum of their gradients are formed inside the graph.
    const session = await ctx.sessions.get({ inputGradients: true, path: true });
    const avg = await session.integratePath(
      baseline,
      diff,
      alphas,
      weights,
      oneHot(ctx.classifier.card.labels.length, ctx.target),
      ctx.signal,
      ctx.onProgress,
    );
    const map = new Float32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = diff[i]! * avg[i]!;
      map[i] = v;
      sum += v;
    }
    const [fx, fb] = await ctx.classifier.logits([x, baseline]);
    const delta = fx![ctx.target]! - fb![ctx.target]!;
    const gap = sum - delta;
    return {
      map,
      shape: inputShape(ctx),
      parameters: { ...p },
      warnings:
        Math.abs(gap) > GAP_WARNING * Math.abs(delta)
          ? [
              `completeness gap is ${((100 * Math.abs(gap)) / Math.max(Math.abs(delta), 1e-12)).toFixed(1)}% of f(x) − f(baseline) (above ${100 * GAP_WARNING}%): use more steps. On ReLU or max-pool networks the gradient along the path is piecewise constant and the gap shrinks slowly with steps.`,
            ]
          : [],
      extras: {
        completenessGap: gap,
        completenessGapRelative: Math.abs(gap) / Math.max(Math.abs(delta), 1e-12),
        attributionSum: sum,
        targetLogit: fx![ctx.target]!,
        baselineLogit: fb![ctx.target]!,
      },
      logits: fx!,
    };
  },
};
