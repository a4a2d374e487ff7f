// Dev-time check: run each exported demo model with onnxruntime-node on every preprocessed sample
// (one batch, so the dynamic batch axis is exercised) and compare with the PyTorch logits that
// make_reference.py stored. Usage: node scripts/demo/check-onnx.mjs <cache-dir> <models-dir>
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const TOLERANCE = 1e-3;
const [cacheDir, modelsDir] = process.argv.slice(2);
if (!cacheDir || !modelsDir) {
  console.error('usage: node check-onnx.mjs <cache-dir> <models-dir>');
  process.exit(2);
}

let failures = 0;
const names = readdirSync(modelsDir).filter((d) => existsSync(join(modelsDir, d, 'card.json')));
for (const name of names.sort()) {
  const card = JSON.parse(readFileSync(join(modelsDir, name, 'card.json'), 'utf8'));
  const ref = JSON.parse(readFileSync(join(cacheDir, 'onnx-check', `${name}.json`), 'utf8'));
  const bytes = readFileSync(join(cacheDir, 'onnx-check', `${name}.input.bin`));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const session = await ort.InferenceSession.create(join(modelsDir, name, 'model.onnx'));
  if (session.inputNames[0] !== card.input.name || session.outputNames[0] !== card.output.name) {
    console.error(`${name}: graph names ${session.inputNames}/${session.outputNames} differ from the card`);
    failures += 1;
    continue;
  }
  const out = await session.run({ [card.input.name]: new ort.Tensor('float32', data, ref.shape) });
  const logits = out[card.output.name].data;
  const expected = ref.logits.flat();
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i += 1) {
    maxDiff = Math.max(maxDiff, Math.abs(logits[i] - expected[i]));
  }
  const ok = logits.length === expected.length && maxDiff <= TOLERANCE;
  if (!ok) failures += 1;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${name}: ${ref.shape[0]} samples, max |onnx - torch| logit difference ${maxDiff.toExponential(2)}`,
  );
  await session.release();
}
if (failures > 0) {
  console.error(`${failures} model(s) disagree with PyTorch by more than ${TOLERANCE}`);
  process.exit(1);
}
