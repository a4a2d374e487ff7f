/**
 * Runs the benchmarks and prints their tables. Ratios are measured side by side in one run (machines are noisy).
 * Usage: npm run bench [-- inference|methods ...]
 */
import { benchInference } from './inference.bench';
import { benchMethods } from './methods.bench';

const wanted = process.argv.slice(2);
const all = wanted.length === 0;
if (all || wanted.includes('inference')) {
  console.log('## Inference (per image, median)\n');
  console.log(await benchInference());
}
if (all || wanted.includes('methods')) {
  console.log('## Attribution methods, as multiples of one forward pass (batch 1, warm session)\n');
  const { text, rows } = await benchMethods();
  console.log(text);
  const gradcam = rows.filter((r) => r.method === 'gradcam');
  const ig = rows.filter((r) => r.method === 'integrated-gradients');
  const worst = (rs: typeof rows, col = '× forward') => Math.max(...rs.map((r) => Number(r[col])));
  console.log(
    `goal: Grad-CAM ≤ 3 forward passes — worst ${worst(gradcam).toFixed(2)} ${worst(gradcam) <= 3 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `goal: integrated gradients (32 steps) ≤ 110 forward passes — worst ${worst(ig).toFixed(2)} ${worst(ig) <= 110 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `against the fastest forward pass (idle threads spin-waiting): Grad-CAM worst ${worst(gradcam, '× fastest forward').toFixed(2)}, integrated gradients worst ${worst(ig, '× fastest forward').toFixed(2)}`,
  );
}
