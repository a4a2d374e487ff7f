/**
 * Dev-time: the architecture gradient check. For every torchvision export written by export-torchvision.py,
 * builds Lightbox's backward graph (input and default CAM layer), runs it with onnxruntime at batch 1 and 2,
 * compares directional derivatives with central finite differences, and writes the report
 * docs/architecture-gradient-check.md (raw numbers in <dir>/results.json).
 *
 * Run: /usr/bin/python3 scripts/archcheck/export-torchvision.py && npx tsx scripts/archcheck/check-architectures.ts
 * Options: --dir /tmp/lightbox-archcheck  --only resnet18,vit_b_16  --tau 1e-4  --threads 2
 *          --doc docs/architecture-gradient-check.md  --no-doc (print only)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type CheckSettings, checkOneModel, type ModelCheckResult } from './check-one-model';
import { type ExportEntry, renderReport } from './render-report';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/lightbox-archcheck' },
    only: { type: 'string' },
    tau: { type: 'string', default: '1e-4' },
    threads: { type: 'string', default: '2' },
    doc: { type: 'string', default: 'docs/architecture-gradient-check.md' },
    'no-doc': { type: 'boolean', default: false },
  },
});

const manifestPath = join(args.dir, 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(
    `No ${manifestPath}: export the models first with /usr/bin/python3 scripts/archcheck/export-torchvision.py`,
  );
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
  torch: string;
  torchvision: string;
  onnx: string;
  exports: ExportEntry[];
};
const only = args.only?.split(',');
const exports = manifest.exports.filter((e) => !only || only.includes(e.arch));

const settings: CheckSettings = {
  tau: Number(args.tau),
  directions: 3,
  tolerance: 1e-2,
  batchTolerance: 1e-3,
  torchTolerance: 5e-2,
  sweepTau: [1e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 1e-2],
  threads: Number(args.threads),
};

const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toExponential(2));
const started = performance.now();
const results: ModelCheckResult[] = [];
const swept = new Set<string>();
for (const e of exports) {
  if (!e.ok) {
    console.log(`${e.arch} opset ${e.opset}: export failed: ${e.error}`);
    continue;
  }
  // The error-versus-step curve once per architecture, at its first opset that builds.
  const r = await checkOneModel(e, settings, !swept.has(e.arch));
  if (r.sweep) swept.add(e.arch);
  results.push(r);
  const total = Object.values(r.ms).reduce((a, b) => a + b, 0);
  console.log(
    `${r.arch} opset ${r.opset}: ${r.passed ? 'PASS' : 'FAIL'} max rel err ${fmt(r.maxRelErr)}` +
      `${r.error ? ` — ${r.failedAt}: ${r.error}` : ''} (${(total / 1000).toFixed(1)} s)`,
  );
  if (r.missingRules.length > 0) console.log(`  ops without a rule on the gradient path: ${r.missingRules.join(', ')}`);
}
const seconds = (performance.now() - started) / 1000;
const passed = results.filter((r) => r.passed).length;
console.log(`\n${passed} passed, ${results.length - passed} failed (${seconds.toFixed(0)} s)`);

writeFileSync(join(args.dir, 'results.json'), JSON.stringify({ settings, seconds, results }, null, 2));
if (!args['no-doc']) {
  const ortVersion = (
    JSON.parse(readFileSync('node_modules/onnxruntime-node/package.json', 'utf8')) as { version: string }
  ).version;
  writeFileSync(
    args.doc,
    renderReport({
      settings,
      seconds,
      results,
      exports,
      versions: { torch: manifest.torch, torchvision: manifest.torchvision, onnx: manifest.onnx, ort: ortVersion },
      machine: `${cpus().length} cores`,
    }),
  );
  // Lay the Markdown out as the repository's formatter does (aligned tables), so `biome check` stays clean.
  try {
    execFileSync(join('node_modules', '.bin', 'biome'), ['format', '--write', args.doc], { stdio: 'ignore' });
  } catch {
    console.warn(`could not run biome on ${args.doc}: format it with npx biome format --write ${args.doc}`);
  }
  console.log(`wrote ${args.doc}`);
}
process.exitCode = passed === results.length && results.length > 0 ? 0 : 1;
