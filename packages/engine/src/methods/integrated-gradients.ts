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
  /**
   * Optional completeness target, a fraction of |f(x) − f(baseline)| (e.g. 0.01): while the gap is larger,
   * the panel of the path with the largest gap of its own is halved and each half integrated again with
   * ⌈steps/2⌉ points, up to maxSteps gradient evaluations in all. Unset: exactly `steps` points.
   */
  maxGap: z.number().gt(0).lt(1).optional(),
  maxSteps: z.number().int().min(1).max(16384).default(1024),
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
    const n = x.length;
    const diff = new Float32Array(n);
    for (let i = 0; i < n; i++) diff[i] = x[i]! - baseline[i]!;
    const t = ctx.target;
    const [fx, fb] = await ctx.classifier.logits([x, baseline]);
    const delta = fx![t]! - fb![t]!;
    // The points x′ + α(x − x′) and the weighted sum of their gradients are formed inside the graph.
    const session = await ctx.sessions.get({ inputGradients: true, path: true });
    const seed = oneHot(ctx.classifier.card.labels.length, t);
    const budget = p.maxGap === undefined ? p.steps : Math.max(p.steps, p.maxSteps);
    let used = 0;
    // A panel [a, b] of the path: its integrated gradient and its own gap, ⟨grad, x − x′⟩ − (f(b) − f(a)); the
    // panels' gaps add up to the whole gap, since their f differences telescope to f(x) − f(x′).
    const integrate = async (a: number, b: number, points: number, fa: number, fbEnd: number) => {
      const rule = integrationPoints(p.integration, points);
      const done = used;
      const grad = await session.integratePath(
        baseline,
        diff,
        rule.alphas.map((al) => a + (b - a) * al),
        rule.weights.map((w) => (b - a) * w),
        seed,
        ctx.signal,
        (f) => ctx.onProgress?.(Math.min(1, (done + f * points) / budget)),
      );
      used += points;
      let along = 0;
      for (let i = 0; i < n; i++) along += grad[i]! * diff[i]!;
      return { a, b, fa, fb: fbEnd, grad, gap: along - (fbEnd - fa) };
    };
    const panels = [await integrate(0, 1, p.steps, fb![t]!, fx![t]!)];
    const half = Math.ceil(p.steps / 2);
    const totalGap = () => panels.reduce((acc, q) => acc + q.gap, 0);
    while (p.maxGap !== undefined && Math.abs(totalGap()) > p.maxGap * Math.abs(delta) && used + 2 * half <= budget) {
      let worst = 0;
      panels.forEach((q, i) => {
        if (Math.abs(q.gap) > Math.abs(panels[worst]!.gap)) worst = i;
      });
      const q = panels[worst]!;
      const mid = (q.a + q.b) / 2;
      const point = new Float32Array(n);
      for (let i = 0; i < n; i++) point[i] = baseline[i]! + mid * diff[i]!;
      const fm = (await ctx.classifier.logits([point]))[0]![t]!;
      panels.splice(worst, 1, await integrate(q.a, mid, half, q.fa, fm), await integrate(mid, q.b, half, fm, q.fb));
    }
    const avg = new Float64Array(n);
    for (const q of panels) for (let i = 0; i < n; i++) avg[i]! += q.grad[i]!;
    const map = new Float32Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = diff[i]! * avg[i]!;
      map[i] = v;
      sum += v;
    }
    const gap = sum - delta;
    const relative = Math.abs(gap) / Math.max(Math.abs(delta), 1e-12);
    const warnings: string[] = [];
    if (relative > GAP_WARNING)
      warnings.push(
        `completeness gap is ${(100 * relative).toFixed(1)}% of f(x) − f(baseline) (above ${100 * GAP_WARNING}%): use more steps${p.maxGap === undefined ? ' or set a completeness target (maxGap)' : ''}. On ReLU or max-pool networks the gradient along the path is piecewise constant and the gap shrinks slowly with steps.`,
      );
    if (p.maxGap !== undefined && relative > p.maxGap)
      warnings.push(
        `the completeness target of ${100 * p.maxGap}% was not reached within ${p.maxSteps} steps (${used} used); raise maxSteps`,
      );
    return {
      map,
      shape: inputShape(ctx),
      parameters:
        p.maxGap === undefined ? { steps: p.steps, integration: p.integration, baseline: p.baseline } : { ...p },
      warnings,
      extras: {
        completenessGap: gap,
        completenessGapRelative: relative,
        stepsUsed: used,
        panels: panels.length,
        attributionSum: sum,
        targetLogit: fx![t]!,
        baselineLogit: fb![t]!,
      },
      logits: fx!,
    };
  },
};
