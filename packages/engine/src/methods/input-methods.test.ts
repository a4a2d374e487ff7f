import { describe, expect, it } from 'vitest';
import { TINY_CARD, tinyInput, tinySessions } from '../../test/tiny-sessions';
import { Classifier } from '../model/classifier';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import { makeModel, makeNode, makeValueInfo } from '../onnx/make-model';
import { makeFloatTensor } from '../onnx/tensor-data';
import { explainImage } from './explain-image';
import { GradientSessions } from './gradient-sessions';
import { NOTHING_GUIDED } from './guided-backprop';
import { integrationPoints } from './integration-rules';

describe('input-space methods', () => {
  it('integrated gradients with 64 Gauss–Legendre steps is complete to within 1%', async () => {
    const sessions = await tinySessions();
    for (const baseline of ['zero', 'blur', 'mean'] as const) {
      const e = await explainImage(sessions, tinyInput(5), {
        method: 'integrated-gradients',
        target: 1,
        params: { steps: 64, integration: 'gauss-legendre', baseline },
      });
      expect(e.shape).toEqual([1, 8, 8]);
      expect(e.extras.completenessGapRelative).toBeLessThan(0.01);
      expect(e.parameters).toMatchObject({ steps: 64, integration: 'gauss-legendre', baseline });
    }
    await sessions.dispose();
  });

  it('integrated gradients with a completeness target refine the path until the gap is within it', async () => {
    const sessions = await tinySessions();
    const x = tinyInput(5);
    const ig = (params: Record<string, unknown>) =>
      explainImage(sessions, x, { method: 'integrated-gradients', target: 1, params });
    const coarse = await ig({ steps: 4, integration: 'riemann-left' });
    expect(coarse.extras.completenessGapRelative).toBeGreaterThan(0.01);
    expect(coarse.warnings.join(' ')).toMatch(/completeness gap is [0-9.]+% .* \(above 1%\)/);
    const refined = await ig({ steps: 4, integration: 'riemann-left', maxGap: 0.002, maxSteps: 1024 });
    expect(refined.extras.completenessGapRelative).toBeLessThan(0.002);
    expect(refined.extras.stepsUsed).toBeGreaterThan(4);
    expect(refined.extras.stepsUsed).toBeLessThanOrEqual(1024);
    expect(refined.extras.panels).toBeGreaterThan(1);
    expect(refined.warnings).toEqual([]);
    // The refined attributions approach the integral itself (here: 4096 midpoint steps), not just its sum.
    const fine = await ig({ steps: 4096, integration: 'riemann-middle' });
    const err = (m: Float32Array) =>
      Math.sqrt(
        m.reduce((acc, v, i) => acc + (v - fine.map[i]!) ** 2, 0) / fine.map.reduce((acc, v) => acc + v * v, 0),
      );
    expect(err(refined.map)).toBeLessThan(err(coarse.map) / 4);
    // A target out of reach within the budget says so.
    const capped = await ig({ steps: 4, integration: 'riemann-left', maxGap: 1e-9, maxSteps: 16 });
    expect(capped.extras.stepsUsed).toBeLessThanOrEqual(16);
    expect(capped.warnings.join(' ')).toMatch(/target of .* was not reached within 16 steps/);
    await sessions.dispose();
  });

  it('saliency, input×gradient and smoothgrad agree where they must', async () => {
    const sessions = await tinySessions();
    const x = tinyInput(4);
    const s = await explainImage(sessions, x, { method: 'saliency', target: 2 });
    const ixg = await explainImage(sessions, x, { method: 'input-x-gradient', target: 2 });
    ixg.map.forEach((v, i) => {
      expect(v).toBeCloseTo(s.map[i]! * x[i]!, 6);
    });
    const sg0 = await explainImage(sessions, x, { method: 'smoothgrad', target: 2, params: { samples: 3, noise: 0 } });
    sg0.map.forEach((v, i) => {
      expect(v).toBeCloseTo(s.map[i]!, 6);
    });
    const vg0 = await explainImage(sessions, x, { method: 'vargrad', target: 2, params: { samples: 3, noise: 0 } });
    expect(Math.max(...vg0.map)).toBeLessThan(1e-10);
    const a = await explainImage(sessions, x, {
      method: 'smoothgrad-squared',
      target: 2,
      params: { samples: 4, noise: 0.2, seed: 7 },
    });
    const b = await explainImage(sessions, x, {
      method: 'smoothgrad-squared',
      target: 2,
      params: { samples: 4, noise: 0.2, seed: 7 },
    });
    expect(Array.from(a.map)).toEqual(Array.from(b.map));
    expect(a.map.every((v) => v >= 0)).toBe(true);
    await sessions.dispose();
  });

  it('guided methods carry the sanity-check warning and differ from plain gradients', async () => {
    const sessions = await tinySessions();
    const x = tinyInput(6);
    for (const method of ['guided-backprop', 'guided-gradcam']) {
      const e = await explainImage(sessions, x, { method, target: 0 });
      expect(e.warnings.join(' ')).toMatch(/sanity check.*Adebayo et al. 2018/);
      expect(e.warnings).not.toContain(NOTHING_GUIDED);
      expect(e.shape).toEqual([1, 8, 8]);
    }
    const guided = await explainImage(sessions, x, { method: 'guided-backprop', target: 0 });
    const plain = await explainImage(sessions, x, { method: 'saliency', target: 0 });
    expect(Array.from(guided.map)).not.toEqual(Array.from(plain.map));
    await sessions.dispose();
  });

  it('guided methods say so when the model has no activation to guide (a linear model)', async () => {
    const model = makeModel({
      nodes: [makeNode('Flatten', ['input'], ['flat']), makeNode('Gemm', ['flat', 'w'], ['logits'], { transB: 1 })],
      inputs: [makeValueInfo('input', ['batch', 1, 8, 8])],
      outputs: [makeValueInfo('logits')],
      initializers: [
        makeFloatTensor(
          'w',
          [3, 64],
          Array.from({ length: 192 }, (_, i) => Math.cos(i)),
        ),
      ],
    });
    const sessions = new GradientSessions(await Classifier.load(encodeOnnxModel(model), { card: TINY_CARD }));
    const guided = await explainImage(sessions, tinyInput(2), { method: 'guided-backprop', target: 1 });
    const plain = await explainImage(sessions, tinyInput(2), { method: 'saliency', target: 1 });
    expect(guided.warnings).toContain(NOTHING_GUIDED);
    expect(Array.from(guided.map)).toEqual(Array.from(plain.map));
    await sessions.dispose();
  });

  it('rejects unknown methods and bad parameters before doing work', async () => {
    const sessions = await tinySessions();
    await expect(explainImage(sessions, tinyInput(), { method: 'nope' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/Unknown method/),
    });
    await expect(
      explainImage(sessions, tinyInput(), { method: 'integrated-gradients', params: { steps: 0 } }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await sessions.dispose();
  });
});

describe('integrationPoints', () => {
  it.each(['riemann-left', 'riemann-right', 'riemann-middle', 'riemann-trapezoid', 'gauss-legendre'] as const)(
    '%s weights sum to 1 on [0, 1]',
    (rule) => {
      const { alphas, weights } = integrationPoints(rule, 10);
      expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(alphas.every((a) => a >= 0 && a <= 1)).toBe(true);
    },
  );

  it('gauss-legendre with n points integrates polynomials of degree 2n−1 exactly', () => {
    const { alphas, weights } = integrationPoints('gauss-legendre', 5);
    const integral = alphas.reduce((s, a, i) => s + weights[i]! * a ** 9, 0);
    expect(integral).toBeCloseTo(1 / 10, 12);
  });
});
