/**
 * Method cost benchmark: for each demo model, each attribution method's time on a warm session as a multiple
 * of one forward pass of the same model, both measured in the same run at batch 1.
 * Goals (issue 3): Grad-CAM ≤ 3 forward passes; integrated gradients with 32 steps ≤ 110.
 * Run: npm run bench -- methods
 */
import { Classifier, explainImage, GradientSessions, METHOD_IDS } from '@lightbox/engine';
import { demoModels, median, table, timeOnce } from './demo-models';

const PARAMS: Record<string, Record<string, unknown>> = {
  'integrated-gradients': { steps: 32, integration: 'gauss-legendre' },
  smoothgrad: { samples: 16 },
  'smoothgrad-squared': { samples: 16 },
  vargrad: { samples: 16 },
};

export async function benchMethods(
  runs = 7,
  only?: string[],
): Promise<{ text: string; rows: Record<string, string | number>[] }> {
  const rows: Record<string, string | number>[] = [];
  for (const m of demoModels()) {
    if (only && !only.includes(m.name)) continue;
    const model = await Classifier.load(m.bytes, { card: m.card });
    const sessions = new GradientSessions(model);
    const { channels, height, width } = model.card.input;
    const input = Float32Array.from({ length: channels * height * width }, (_, i) => Math.sin(i * 0.01) * 0.8);
    for (let i = 0; i < 5; i++) await model.logits([input]); // warm-up
    const measured: { method: string; forward: number; t: number; params: Record<string, unknown> }[] = [];
    for (const method of METHOD_IDS) {
      const params = PARAMS[method] ?? {};
      await explainImage(sessions, input, { method, target: 0, params }); // prepare + warm-up
      // Side by side: each round times a few forward passes, then the method; the ratio is of the medians
      // over the same rounds, so load that comes and goes on the machine hits both.
      const forwards: number[] = [];
      const times: number[] = [];
      for (let round = 0; round < runs; round++) {
        for (let f = 0; f < 3; f++) forwards.push(await timeOnce(() => model.logits([input])));
        times.push(await timeOnce(() => explainImage(sessions, input, { method, target: 0, params })));
      }
      measured.push({ method, forward: median(forwards), t: median(times), params });
    }
    await sessions.dispose();
    // The product runs every session with idle threads sleeping (runtime-options.ts); a forward pass on a
    // session whose idle threads spin-wait is faster on its own, so a second ratio uses that one. It is timed
    // after the methods, not between them: a spin-waiting session in the process slowed the methods' own
    // sessions by up to 12 % even after it had finished (measured on EfficientNet's integrated gradients).
    const spinning = await Classifier.load(m.bytes, { card: m.card, runtime: { spinning: true } });
    for (let i = 0; i < 5; i++) await spinning.logits([input]);
    const fastForwards: number[] = [];
    for (let f = 0; f < 3 * runs; f++) fastForwards.push(await timeOnce(() => spinning.logits([input])));
    await spinning.dispose();
    const fastest = median(fastForwards);
    for (const { method, forward, t, params } of measured) {
      const fast = Math.min(forward, fastest);
      rows.push({
        model: m.name,
        method,
        'forward ms': forward,
        'spin-wait forward ms': fast,
        'method ms': t,
        '× forward': t / forward,
        '× fastest forward': t / fast,
        params: JSON.stringify(params),
      });
    }
    await model.dispose();
  }
  return { text: table(rows), rows };
}
