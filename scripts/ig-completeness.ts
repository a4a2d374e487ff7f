/**
 * Integrated-gradients completeness on the demo models: for every sample case and baseline, the gap between the
 * sum of attributions and f(x) − f(baseline) for the predicted class, relative to |f(x) − f(baseline)|, at a
 * given number of Gauss–Legendre steps. Prints a Markdown table (median and worst over the cases).
 * Usage: npx tsx scripts/ig-completeness.ts [--models <dir>] [--steps 64] [--integration gauss-legendre]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Classifier, decodeImage, explainImage, GradientSessions } from '@lightbox/engine';

const root = join(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    models: { type: 'string', default: join(root, 'models') },
    steps: { type: 'string', default: '64' },
    integration: { type: 'string', default: 'gauss-legendre' },
  },
});
const steps = Number(values.steps);
const manifest = JSON.parse(readFileSync(join(root, 'samples', 'manifest.json'), 'utf8')) as { file: string }[];
const pct = (v: number) => `${(100 * v).toFixed(v < 0.001 ? 3 : 2)} %`;

console.log(`| model | baseline | median gap | worst gap | cases over 1 % |`);
console.log(`| ----- | -------- | ---------- | --------- | -------------- |`);
for (const name of readdirSync(values.models).sort()) {
  const dir = join(values.models, name);
  if (!existsSync(join(dir, 'model.onnx'))) continue;
  const classifier = await Classifier.load(new Uint8Array(readFileSync(join(dir, 'model.onnx'))), {
    card: JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')),
  });
  const sessions = new GradientSessions(classifier);
  const inputs = await Promise.all(
    manifest.map(async (c) =>
      classifier.preprocess(await decodeImage(new Uint8Array(readFileSync(join(root, 'samples', c.file))))),
    ),
  );
  for (const baseline of ['zero', 'blur', 'mean'] as const) {
    const gaps: number[] = [];
    for (const input of inputs) {
      const r = await explainImage(sessions, input, {
        method: 'integrated-gradients',
        params: { steps, integration: values.integration, baseline },
      });
      gaps.push(r.extras.completenessGapRelative!);
    }
    gaps.sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    const over = gaps.filter((g) => g > 0.01).length;
    console.log(`| ${name} | ${baseline} | ${pct(median)} | ${pct(gaps.at(-1)!)} | ${over} of ${gaps.length} |`);
  }
  await sessions.dispose();
  await classifier.dispose();
}
