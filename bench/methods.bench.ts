/**
 * Method cost benchmark: for each demo model, each attribution method's time on a warm session as a multiple
 * of one forward pass of the same model, both measured in the same run at batch 1.
 * Goals (issue 3): Grad-CAM ≤ 3 forward passes; integrated gradients with 32 steps ≤ 110.
 * Run: npm run bench -- methods
 */
import { Classifier, explainImage, GradientSessions, METHOD_IDS } from '@lightbox/engine';
import { demoModels, table, timeMedian } from './demo-models';

const PARAMS: Record<string, Record<string, unknown>> = {
  'integrated-gradients': { steps: 32, integration: 'gauss-legendre' },
  smoothgrad: { samples: 16 },
  'smoothgrad-squared': { samples: 16 },
  vargrad: { samples: 16 },
};

export async function benchMethods(
  runs = 5,
  only?: string[],
): Promise<{ text: string; rows: Record<string, string | number>[] }> {
  const rows: Record<string, string | number>[] = [];
  for (const m of demoModels()) {
    if (only && !only.includes(m.name)) continue;
    const model = await Classifier.load(m.bytes, { card: m.card });
    const sessions = new GradientSessions(model);
    const { channels, height, width } = model.card.input;
    const input = Float32Array.from({ length: channels * height * width }, (_, i) => Math.sin(i * 0.01) * 0.8);
    const forward = await timeMedian(() => model.logits([input]), runs * 4, 3);
    for (const method of METHOD_IDS) {
      const params = PARAMS[method] ?? {};
      await explainImage(sessions, input, { method, target: 0, params }); // prepare + warm-up
      const t = await timeMedian(() => explainImage(sessions, input, { method, target: 0, params }), runs, 1);
      rows.push({
        model: m.name,
        method,
        'forward ms': forward,
        'method ms': t,
        '× forward': t / forward,
        params: JSON.stringify(params),
      });
    }
    await sessions.dispose();
    await model.dispose();
  }
  return { text: table(rows), rows };
}
