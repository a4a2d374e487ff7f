/**
 * Inference benchmark: per demo model, latency per image at batch 1 and batch 8 and images per second,
 * measured side by side in one run. Run: npm run bench -- inference
 */
import { Classifier } from '@lightbox/engine';
import { demoModels, table, timeMedian } from './demo-models';

export async function benchInference(runs = 20): Promise<string> {
  const rows: Record<string, string | number>[] = [];
  for (const m of demoModels()) {
    const model = await Classifier.load(m.bytes, { card: m.card });
    const { channels, height, width } = model.card.input;
    const one = () => Float32Array.from({ length: channels * height * width }, (_, i) => Math.sin(i) * 0.5);
    const b1 = [one()];
    const b8 = Array.from({ length: 8 }, one);
    const t1 = await timeMedian(() => model.predict(b1), runs);
    const t8 = await timeMedian(() => model.predict(b8), Math.max(5, Math.floor(runs / 2)));
    rows.push({
      model: m.name,
      input: `${channels}×${height}×${width}`,
      'ms/image @1': t1,
      'ms/image @8': t8 / 8,
      'images/s @1': 1000 / t1,
      'images/s @8': 8000 / t8,
      'batch-8 speed-up': t1 / (t8 / 8),
    });
    await model.dispose();
  }
  return table(rows);
}
