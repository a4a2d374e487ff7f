import { VJP_RULES } from '../../packages/engine/src/autodiff/rules';
import type { CheckSettings, ModelCheckResult, ReferenceFiles } from './check-one-model';

/** One line of manifest.json, as written by export-torchvision.py. */
export interface ExportEntry {
  readonly arch: string;
  readonly opset: number;
  readonly path: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly nodes?: number;
  readonly bytes?: number;
  readonly seconds: number;
  readonly reference?: ReferenceFiles;
}

export interface ReportInput {
  readonly settings: CheckSettings;
  readonly seconds: number;
  readonly results: readonly ModelCheckResult[];
  readonly exports: readonly ExportEntry[];
  readonly versions: { torch: string; torchvision: string; onnx: string; ort: string };
  readonly machine: string;
}

const exp = (v: number | undefined) => (v === undefined ? '—' : v.toExponential(1));
const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const key = (r: { arch: string; opset: number }) => `${r.arch} / ${r.opset}`;

function resultCell(r: ModelCheckResult): string {
  if (r.passed) return '**pass**';
  return `**fail** (${r.failedAt})`;
}

function summaryTable(results: readonly ModelCheckResult[]): string[] {
  const lines = [
    '| architecture | opset | nodes | op types on the gradient path | default CAM layer | result | max rel. error (FD) | vs torch: grad · logits | batch 2: Δ item 0 · FD error | time (s) |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const ops = Object.keys(r.pathOps)
      .sort()
      .map((op) => (VJP_RULES[op] ? op : `**${op}**`))
      .join(', ');
    const cam = r.camLayer ? `\`${esc(r.camLayer)}\` [${r.camDims?.slice(1).join('×')}]` : 'none';
    const b2 = r.batch2 ? `${exp(r.batch2.gradDiff)} · ${exp(r.batch2.fd.relErr)}` : '—';
    const vsTorch = r.torch ? `${exp(r.torch.gradRelL2)} · ${exp(r.torch.logitsRelDiff)}` : '—';
    const secs = Object.values(r.ms).reduce((a, b) => a + b, 0) / 1000;
    lines.push(
      `| ${r.arch} | ${r.opset} | ${r.nodes} | ${ops || '—'} | ${cam} | ${resultCell(r)} | ${exp(r.maxRelErr)} | ${vsTorch} | ${b2} | ${secs.toFixed(1)} |`,
    );
  }
  return lines;
}

function missingTable(results: readonly ModelCheckResult[]): string[] {
  const byOp = new Map<string, { where: string[]; nodes: number }>();
  for (const r of results) {
    for (const op of r.missingRules) {
      const m = byOp.get(op) ?? { where: [], nodes: 0 };
      m.where.push(`${r.arch} (${r.opset}, ×${r.pathOps[op]})`);
      m.nodes += r.pathOps[op] ?? 0;
      byOp.set(op, m);
    }
  }
  if (byOp.size === 0) return ['Every op type on every gradient path has a rule in `VJP_RULES`.'];
  const lines = ['| op type | on the gradient path of (opset, nodes) |', '|---|---|'];
  for (const [op, m] of [...byOp].sort((a, b) => a[0].localeCompare(b[0])))
    lines.push(`| ${op} | ${m.where.join(', ')} |`);
  return lines;
}

function sweepTable(results: readonly ModelCheckResult[], s: CheckSettings): string[] {
  const swept = results.filter((r) => r.sweep);
  if (swept.length === 0) return ['No model built, so no curve could be measured on this run.'];
  const lines = [`| τ | ${swept.map((r) => key(r)).join(' | ')} |`, `|---|${swept.map(() => '---').join('|')}|`];
  for (const tau of s.sweepTau) {
    const cells = swept.map((r) => {
      const p = r.sweep!.find((q) => q.tau === tau);
      const cell = p ? `${exp(p.signed.relErr)} · ${exp(p.random.relErr)}` : '—';
      return tau === s.tau ? `**${cell}**` : cell;
    });
    const label = tau.toExponential(0);
    lines.push(`| ${tau === s.tau ? `**${label}**` : label} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function censusTable(results: readonly ModelCheckResult[]): string[] {
  const ops = [...new Set(results.flatMap((r) => Object.keys(r.census)))].sort();
  const archs = [...new Set(results.map((r) => r.arch))];
  /** "arch (n)" for each architecture where `count` is non-zero, per opset ("a / b") where the opsets differ. */
  const uses = (count: (r: ModelCheckResult) => number): string[] =>
    archs.flatMap((arch) => {
      const counts = results.filter((r) => r.arch === arch).map(count);
      if (counts.every((n) => n === 0)) return [];
      const shown = counts.every((n) => n === counts[0]) ? `${counts[0]}` : counts.join(' / ');
      return [`${arch} (${shown})`];
    });
  const lines = [
    '| op type | rule | on the gradient path in (nodes) | only off the path in (nodes) |',
    '|---|---|---|---|',
  ];
  for (const op of ops) {
    const onPath = uses((r) => r.pathOps[op] ?? 0);
    const offPath = uses((r) => ((r.pathOps[op] ?? 0) > 0 ? 0 : (r.census[op] ?? 0)));
    const rule = VJP_RULES[op] ? 'yes' : onPath.length > 0 ? '**no**' : 'not needed';
    lines.push(`| ${op} | ${rule} | ${onPath.join(', ') || '·'} | ${offPath.join(', ') || '·'} |`);
  }
  return lines;
}

function stepRange(results: readonly ModelCheckResult[]): string {
  const steps = results.flatMap((r) => r.inputChecks.map((c) => c.step));
  if (steps.length === 0) return '';
  return ` (on this run h/RMS(x) went from ${exp(Math.min(...steps))} to ${exp(Math.max(...steps))})`;
}

/** The Markdown report: how to run, the result table, failures, missing rules, the step curve and the op census. */
export function renderReport(o: ReportInput): string {
  const { settings: s, results } = o;
  const exportSeconds = o.exports.reduce((a, e) => a + e.seconds, 0);
  const failedExports = o.exports.filter((e) => !e.ok);
  const failures = results.filter((r) => !r.passed);
  const passed = results.length - failures.length;
  const lines: string[] = [
    '# Architecture gradient check',
    '',
    '<!-- Generated by scripts/archcheck/check-architectures.ts; edit that script, not this file. -->',
    '',
    'Lightbox builds the backward graph of a classifier out of standard ONNX ops. This dev-time check runs the',
    'builder on torchvision architectures (and one net of rarer layers) exported with random weights, runs the',
    'result with onnxruntime and compares the gradients with central finite differences of the forward graph and',
    'with torch autograd (in float64).',
    'CI does not run it (the exports weigh about 3.5 GB and need Python with torch); CI runs the per-op rule tests',
    'and the committed demo models.',
    '',
    '## How to run',
    '',
    '```sh',
    '/usr/bin/python3 scripts/archcheck/export-torchvision.py   # writes /tmp/lightbox-archcheck/*.onnx (+ torch references)',
    'npx tsx scripts/archcheck/check-architectures.ts          # checks them, rewrites this file',
    '```',
    '',
    `Last run: ${new Date().toISOString().slice(0, 10)}, ${o.machine}, torch ${o.versions.torch}, torchvision ${o.versions.torchvision}, onnx ${o.versions.onnx}, onnxruntime-node ${o.versions.ort}.`,
    `Time: export ${Math.round(exportSeconds)} s, check ${Math.round(o.seconds)} s (2 shared cores, other jobs running).`,
    '',
    `**Result: ${passed} passed, ${failures.length} failed** of ${results.length} exports${failedExports.length ? ` (${failedExports.length} more failed to export)` : ''}.`,
    '',
    'Options (one architecture, another step, another folder): scripts/archcheck/README.md.',
    '',
    '## Results',
    '',
    ...summaryTable(results),
    '',
    'Columns: "op types on the gradient path" are those of the nodes between the input and the logits through',
    'float tensors (shape arithmetic excluded), **bold** when `VJP_RULES` has no rule for it. "max rel. error (FD)":',
    'largest relative error of a directional derivative over the input, the CAM layer and batch 2. "vs torch":',
    "relative L2 distance between Lightbox's input gradient and torch autograd's in float64 at the same point, and the",
    'largest logit difference relative to the largest logit. "batch 2": item 0 of a batch of 2 repeats the batch-1 case;',
    'Δ = max|its gradient − the batch-1 gradient| / max|batch-1 gradient|, and the finite-difference error of one',
    'direction over both items.',
    '',
  ];
  if (failedExports.length > 0) {
    lines.push('Exports that failed (torch.onnx.export):', '');
    for (const e of failedExports) lines.push(`- ${e.arch} opset ${e.opset}: \`${esc(e.error ?? '')}\``);
    lines.push('');
  }
  if (failures.length > 0) {
    lines.push('### Failures, with the exact error', '');
    for (const r of failures) lines.push(`- **${r.arch} opset ${r.opset}** (${r.failedAt}): \`${esc(r.error ?? '')}\``);
    lines.push('');
  }
  lines.push(
    '## Op types on a gradient path without a rule',
    '',
    'The builder stops at the first node it cannot differentiate (walking back from the logits); this list has',
    'every op type on a gradient path that has no entry in `VJP_RULES`. A rule can also exist and refuse a node',
    '(e.g. a Slice whose starts are computed at run time): such refusals appear under Failures above.',
    '',
    ...missingTable(results),
    '',
    '## How the finite differences are taken',
    '',
    '- Point: the input x is uniform in [−2, 2) (about the range of a normalised image), the seed uniform in',
    "  [−1, 1) over the 1000 logits; both come from export-torchvision.py, which also stores torch's logits and",
    '  input gradient there. S = Σ seed ⊙ logits is summed in float64 from the float32 logits.',
    '- Gradients: the builder is asked for ∂S/∂input and ∂S/∂(default CAM layer), with the layer exposed, as',
    '  Grad-CAM does (`pickDefaultCamLayer`: the last 4-D activation with spatial size above 1 feeding the',
    "  logits). The CAM layer's finite differences use the forward graph with that layer cut loose into a graph",
    '  input (the input is still fed for any other use of it).',
    `- Directions: ${s.directions} per tensor, v_i = sign(g_i)·u_i with u_i uniform in [0, 1) (u_i uniform in [−1, 1) where`,
    '  g_i = 0). Each is random, but follows the sign of the analytic gradient g, so that ⟨g, v⟩ is of the order',
    '  of ‖g‖₁. With a plain random direction ⟨g, v⟩ is a sum of 150 528 terms of random signs, about √n = 390',
    "  times smaller than the sum of their sizes; in a float32 ReLU network no step resolves it (the step curve's",
    '  second number below): steps small enough not to cross ReLU/MaxPool kinks drown in float32 rounding. Even in',
    '  float64 (torch, resnet18) plain random directions were up to 2 % off at a step of 1e-6 of the input scale',
    '  and 5–21 % at 1e-4: a random-init ReLU network has kinks at every scale.',
    '- Step: h is set so that the first-order change of S is a fixed fraction τ of Σ|seed ⊙ logits|,',
    `  h·|⟨g, v⟩| = τ·Σ|seed ⊙ logits|, τ = ${s.tau.toExponential(0)}${stepRange(results)}. Both errors of a`,
    '  central difference are measured in that unit: float32 rounding of the logits (1e-7 to 1e-6 of them), whose',
    '  share of the difference quotient is about (1e-7 to 1e-6) / 2τ, and the kinks crossed and curvature met as the logits',
    '  move, which grow with τ. A step relative to the input scale cannot serve all seven networks: their input',
    '  gradients differ by three orders of magnitude (‖g‖₁ about 2e2 for vgg16 and mobilenet_v3_small, 1.6e5 for',
    '  efficientnet_b0), so the best input-relative step went from about 1e-6 to 3e-5 between them, and a step of',
    '  1e-2 of the input scale gave errors of 13–95 % on every one of them.',
    '',
    'Step curve: relative error of the first input direction against τ, gradient-signed · plain random',
    `direction, per architecture at its first opset that built; the τ used is in bold.`,
    '',
    ...sweepTable(results, s),
    '',
    '## Pass criteria and why',
    '',
    `- Every finite-difference relative error below **${s.tolerance}**, |fd − ⟨g, v⟩| / max(|fd|, |⟨g, v⟩|).`,
    '  The per-op harness (`packages/engine/test/check-vjp.ts`) uses 1e-3 relative to Σ|g·v| with ε = 1e-3; neither',
    '  carries over. Its denominator Σ|g·v| is several hundred times |⟨g, v⟩| here and would let a wrong gradient',
    '  through, so the stricter denominator is used; and a deep float32 network with ReLU kinks at every scale does',
    '  not reach 1e-3 reliably: at the best τ the errors sit between 1e-4 and 3e-3 (the curve above), so 1e-2',
    '  leaves a margin of about 5× over them, while wrong rules give errors of order 1 and, measured once by',
    '  altering rules on resnet18 (opset 13), small ones were caught too: ReLU passing the gradient unmasked → 1.0;',
    "  one Conv node's input gradient ×1.05 → 3.0e-2; MaxPool's gradient ×1.02 → 2.0e-2.",
    `- Input gradient within **${s.torchTolerance}** (relative L2) of torch autograd at the same point, computed in float64`,
    "  on a float64 copy of the model: torch's own float32 gradient is itself 2.4 % from it on shufflenet_v2_x0_5 and",
    '  1.6 % on resnet50, and would hide errors of that size. Not tighter: a ReLU whose pre-activation lies within',
    '  float32 rounding of zero can switch between a float32 and a float64 evaluation and carry a receptive-field-sized',
    '  patch of gradient with it (onnxruntime at optimisation level "all" and "disabled" differ by 1.4 % on resnet50',
    '  for this reason); a wrong rule gives order 1. Errors confined to a few percent of the gradient (a border row,',
    '  one channel) can slip under both criteria: that is what the per-op tests are for.',
    `- Batch 2: Δ item 0 below **${s.batchTolerance}** and its directional derivative within ${s.tolerance}. The graph is built from`,
    '  probes at batch 1 and 2, so this catches a rule that bakes the batch size into a constant.',
    '',
    '## Exports',
    '',
    '- torchvision 0.14 `resnet18`, `resnet50`, `densenet121`, `efficientnet_b0`, `mobilenet_v3_small`, `vgg16`,',
    '  `vit_b_16` (the architectures the gradients issue names), then `convnext_tiny`, `swin_t`, `efficientnet_v2_s`,',
    '  `regnet_y_400mf`, `resnext50_32x4d`, `mobilenet_v2`, `mnasnet0_5`, `shufflenet_v2_x0_5`, `squeezenet1_1`,',
    '  `googlenet` and `alexnet` (`inception_v3` needs 299 × 299 inputs and is left out), and `extra_ops`, a small',
    '  net of layers none of those export (GroupNorm, PReLU, ELU, SELU, CELU, Softsign, Mish, pixel (un)shuffle,',
    '  adaptive max pooling, `F.normalize`; see export-torchvision.py); all',
    '  `weights=None` under `torch.manual_seed(0)` (nothing downloaded); linear layers torchvision',
    "  initialises to zero (vit_b_16's head) get PyTorch's default init, else the logits are constant and every",
    '  gradient is zero; BatchNorm statistics calibrated',
    '  on two random batches (otherwise activations grow or vanish layer by layer and saturate the sigmoids);',
    '  eval mode; `torch.onnx.export(..., do_constant_folding=True, dynamic_axes={input: {0: batch}, logits: {0:',
    '  batch}})`, input `input` [batch, 3, 224, 224], output `logits` [batch, 1000].',
    '- Opsets 13 and 17 (others with `--opsets`). Every architecture, vit_b_16 included, exports at opset 13 with',
    '  torch 1.13 when the export runs with gradients enabled: under `torch.no_grad()` nn.MultiheadAttention takes',
    '  its fused fast path (`aten::_native_multi_head_attention`), which has no ONNX symbolic at any opset. Opset',
    "  17 turns vit_b_16's layer norms into LayerNormalization nodes (1692 → 1442 nodes) and opset 14+ turns",
    "  mobilenet_v3_small's hardswish into HardSwish (146 → 127 nodes); the rest is the same graph.",
    '',
    '## Op census per architecture',
    '',
    'For each op type, the architectures whose graphs use it, with the number of nodes (per opset, "13 / 17", where',
    'the opsets differ): on the gradient path from the input, or only off it (computing shapes, masks or constants).',
    '"rule": `VJP_RULES` has one; "not needed": the op is on no gradient path here.',
    '',
    ...censusTable(results),
    '',
  );
  return `${lines.join('\n')}\n`;
}
