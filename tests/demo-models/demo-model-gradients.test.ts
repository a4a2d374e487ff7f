import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier, decodeImage, explainImage, GradientSessions } from '@lightbox/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomValues } from '../../packages/engine/test/check-vjp';
import { demoModelFiles, readNpy, referenceGradients, SAMPLES_DIR, sampleCases } from './demo-fixtures';

const models = demoModelFiles();

describe.each(models)('$name gradients', (m) => {
  let classifier: Classifier;
  let sessions: GradientSessions;
  let input: Float32Array;

  beforeAll(async () => {
    classifier = await Classifier.load(new Uint8Array(readFileSync(m.modelPath)), { card: m.card });
    sessions = new GradientSessions(classifier);
    const sample = sampleCases()[0]!;
    input = classifier.preprocess(await decodeImage(new Uint8Array(readFileSync(join(SAMPLES_DIR, sample.file)))));
  });
  afterAll(async () => {
    await sessions.dispose();
    await classifier.dispose();
  });

  it('match central finite differences along random directions', async () => {
    // As in scripts/archcheck (see docs/architecture-gradient-check.md): directions follow the sign of the
    // gradient (v_i = sign(g_i)·u_i, so ⟨g, v⟩ ~ ‖g‖₁ is resolvable in float32), and the step moves S by
    // τ = 1e-4 of Σ|seed ⊙ logits|; the error is |fd − ⟨g, v⟩| / max(|fd|, |⟨g, v⟩|), bound 1e-2. A wrong
    // rule anywhere in the chain (an unmasked ReLU, a conv gradient off by 5 %) exceeds it.
    const session = await sessions.get({ inputGradients: true });
    const k = m.card.labels.length;
    const seed = randomValues(k, 17);
    const run = await session.run([input], [seed]);
    const g = run.inputGradients![0]!;
    const logits = run.logits[0]!;
    const outScale = logits.reduce((s, v, i) => s + Math.abs(v * seed[i]!), 0);
    const S = async (x: Float32Array) => {
      const [l] = await classifier.logits([x]);
      return l!.reduce((s, v, i) => s + v * seed[i]!, 0);
    };
    const rms = Math.sqrt(input.reduce((s, v) => s + v * v, 0) / input.length);
    for (let d = 0; d < 3; d++) {
      const u = randomValues(input.length, 1000 + d);
      const v = u.map((ui, i) => (g[i]! > 0 ? Math.abs(ui) : g[i]! < 0 ? -Math.abs(ui) : ui));
      let an = 0;
      for (let i = 0; i < g.length; i++) an += g[i]! * v[i]!;
      const h = Math.min(Math.max((1e-4 * outScale) / Math.abs(an), 1e-8 * rms), 1e-2 * rms);
      const fd =
        ((await S(input.map((x, i) => x + h * v[i]!))) - (await S(input.map((x, i) => x - h * v[i]!)))) / (2 * h);
      expect(Math.abs(fd - an) / Math.max(Math.abs(fd), Math.abs(an))).toBeLessThan(1e-2);
    }
  });

  it('match the PyTorch gradients stored by the dev-time script', async () => {
    const refs = referenceGradients(m.name);
    expect(refs.length).toBeGreaterThan(0);
    const session = await sessions.get({ inputGradients: true });
    for (const ref of refs) {
      const x = readNpy(ref.inputPath).data;
      const want = readNpy(ref.path).data;
      const seed = new Float32Array(m.card.labels.length);
      seed[ref.target] = 1;
      const got = (await session.run([x], [seed])).inputGradients![0]!;
      let diff = 0;
      let norm = 0;
      for (let i = 0; i < want.length; i++) {
        diff += (got[i]! - want[i]!) ** 2;
        norm += want[i]! ** 2;
      }
      // Same bound and reason as scripts/archcheck: float32 ReLUs sitting at rounding distance from zero flip
      // between PyTorch and onnxruntime (and between onnxruntime's own optimisation levels, 3e-3 apart).
      expect(Math.sqrt(diff / norm)).toBeLessThan(5e-2);
    }
  });

  it('integrated gradients converge to completeness: the gap at least halves from 64 to 256 Gauss–Legendre steps', async () => {
    // On the ReLU/MaxPool models the integrand ⟨∇f(x′ + α(x − x′)), x − x′⟩ is piecewise constant in α (it
    // jumps wherever a unit along the path changes sign or a pool changes its maximum), so no quadrature
    // converges fast on it: at 64 steps the gap is 0.2–13 % of f(x) − f(x′) (more where that difference is
    // close to 0), and every result reports it as completenessGapRelative. It shrinks with more steps, which
    // shows the gradients along the path are right; the smooth model below meets 1 % at 64.
    const gap = async (steps: number) =>
      (
        await explainImage(sessions, input, {
          method: 'integrated-gradients',
          params: { steps, integration: 'gauss-legendre' },
        })
      ).extras.completenessGapRelative!;
    const g64 = await gap(64);
    const g256 = await gap(256);
    expect(g256).toBeLessThan(Math.max(g64 / 2, 0.01));
  });

  it("Grad-CAM equals CAM at the card's target layer (global-average-pool + linear head)", async () => {
    // With a GAP + linear head, ∂f_c/∂A_k,ij = w_ck / (h·w) everywhere, so Grad-CAM's ReLU(Σ_k mean(g_k) A_k)
    // and HiResCAM's ReLU(Σ_k g_k ⊙ A_k) both equal ReLU(CAM_c) / (h·w) (Zhou et al. 2016).
    for (let target = 0; target < m.card.labels.length; target++) {
      const cam = await explainImage(sessions, input, { method: 'gradcam', target });
      const hires = await explainImage(sessions, input, { method: 'hirescam', target });
      expect(cam.layer).toBe((m.card as { targetLayer?: string }).targetLayer);
      const max = Math.max(...hires.map);
      cam.map.forEach((v, i) => {
        expect(Math.abs(v - hires.map[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(max, 1e-6));
      });
    }
  });

  it('run every gradient method with finite output of the contracted shape', async () => {
    for (const method of [
      'gradcam',
      'gradcam-plus-plus',
      'xgradcam',
      'hirescam',
      'layercam',
      'saliency',
      'guided-backprop',
      'guided-gradcam',
    ]) {
      const e = await explainImage(sessions, input, { method });
      expect(e.map.every(Number.isFinite)).toBe(true);
      if (e.kind === 'cam') {
        expect(e.shape).toHaveLength(2);
        expect(e.map.every((v) => v >= 0)).toBe(true);
      } else expect(e.shape).toEqual([m.card.input.channels, m.card.input.height, m.card.input.width]);
    }
  });
});

describe('integrated gradients on the smooth demo model (SiLU, no max pooling)', () => {
  it('is complete within 1 % of f(x) − f(zero baseline) at 64 Gauss–Legendre steps on every sample case', async () => {
    // EfficientNet's activations (SiLU, sigmoid gates) make the path integrand smooth, where Gauss–Legendre
    // converges exponentially: the 1 % goal of issue 3 holds here (measured ≤ 0.02 %), not on the ReLU models.
    const m = models.find((d) => d.name === 'demo-cxr-efficientnet-b0')!;
    const classifier = await Classifier.load(new Uint8Array(readFileSync(m.modelPath)), { card: m.card });
    const sessions = new GradientSessions(classifier);
    try {
      for (const sample of sampleCases()) {
        const input = classifier.preprocess(
          await decodeImage(new Uint8Array(readFileSync(join(SAMPLES_DIR, sample.file)))),
        );
        const r = await explainImage(sessions, input, {
          method: 'integrated-gradients',
          params: { steps: 64, integration: 'gauss-legendre', baseline: 'zero' },
        });
        expect(r.extras.completenessGapRelative!, sample.file).toBeLessThan(0.01);
      }
    } finally {
      await sessions.dispose();
      await classifier.dispose();
    }
  });
});
