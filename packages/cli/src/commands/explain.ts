import { writeFile } from 'node:fs/promises';
import { LightboxError } from '@lightbox/contracts';
import {
  BASELINE_KINDS,
  decodeImage,
  type Explanation,
  encodeNpy,
  explainImage,
  GradientSessions,
  INTEGRATION_RULES,
  METHOD_IDS,
  METHODS,
  parseMethodParams,
  renderAttributionOverlay,
} from '@lightbox/engine';
import type { CliConfig } from '../cli-env';
import { loadModelFromFiles } from '../load-model-from-files';
import { parseCommandArgs, requireOption } from '../parse-command-args';
import { readInputFile } from '../read-input-file';

export const EXPLAIN_USAGE =
  'lightbox explain --model <file.onnx> [--card <card.json>] --method <id> [--target <index|label>] [--layer <tensor>] [--steps N] [--integration riemann-left|riemann-right|riemann-middle|riemann-trapezoid|gauss-legendre] [--baseline zero|blur|mean|<image>] [--max-gap F] [--max-steps N] [--samples N] [--noise S] [--seed N] [--raw <out.npy>] [--overlay <out.png>] [--colormap viridis|inferno|jet] [--opacity 0..1] [--json] [--repeat N] <image>';

function intFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new LightboxError('INVALID_ARGUMENT', `${flag} takes an integer; got "${value}"`);
  return n;
}

function numFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new LightboxError('INVALID_ARGUMENT', `${flag} takes a number; got "${value}"`);
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Runs one attribution method on one image. --raw writes the method's own output (CAM: [h, w] at the layer;
 * input-space: [C, H, W]) as float32 NPY; --overlay a PNG over the original image; --json the metadata.
 */
export async function explainCommand(argv: string[], config: CliConfig): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      model: { type: 'string' },
      card: { type: 'string' },
      method: { type: 'string' },
      target: { type: 'string' },
      layer: { type: 'string' },
      steps: { type: 'string' },
      integration: { type: 'string' },
      baseline: { type: 'string' },
      'max-gap': { type: 'string' },
      'max-steps': { type: 'string' },
      samples: { type: 'string' },
      noise: { type: 'string' },
      seed: { type: 'string' },
      raw: { type: 'string' },
      overlay: { type: 'string' },
      colormap: { type: 'string' },
      opacity: { type: 'string' },
      json: { type: 'boolean' },
      repeat: { type: 'string' },
    },
    EXPLAIN_USAGE,
  );
  const modelPath = requireOption(values.model, '--model', EXPLAIN_USAGE);
  const methodId = requireOption(values.method, '--method', EXPLAIN_USAGE);
  if (!METHODS[methodId])
    throw new LightboxError('INVALID_ARGUMENT', `unknown method "${methodId}"; methods: ${METHOD_IDS.join(', ')}`);
  if (positionals.length !== 1)
    throw new LightboxError('INVALID_ARGUMENT', `give exactly one image\nusage: ${EXPLAIN_USAGE}`);
  if (values.integration !== undefined && !(INTEGRATION_RULES as readonly string[]).includes(values.integration)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `--integration must be one of ${INTEGRATION_RULES.join(', ')}; got "${values.integration}"`,
    );
  }
  const repeat = intFlag(values.repeat, '--repeat') ?? 0;
  if (repeat < 0 || repeat > 1000) throw new LightboxError('INVALID_ARGUMENT', '--repeat takes 0 to 1000');
  const baselineIsKind =
    values.baseline === undefined || (BASELINE_KINDS as readonly string[]).includes(values.baseline);
  const params: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined) params[k] = v;
  };
  if (methodId === 'integrated-gradients') {
    put('steps', intFlag(values.steps, '--steps'));
    put('integration', values.integration);
    put('baseline', values.baseline === undefined ? undefined : baselineIsKind ? values.baseline : 'image');
    put('maxGap', numFlag(values['max-gap'], '--max-gap'));
    put('maxSteps', intFlag(values['max-steps'], '--max-steps'));
  }
  if (['smoothgrad', 'smoothgrad-squared', 'vargrad'].includes(methodId)) {
    put('samples', intFlag(values.samples, '--samples'));
    put('noise', numFlag(values.noise, '--noise'));
    put('seed', intFlag(values.seed, '--seed'));
  }
  parseMethodParams(methodId, params); // bad parameters fail before the model loads
  const opacity = numFlag(values.opacity, '--opacity');
  if (opacity !== undefined && (opacity < 0 || opacity > 1))
    throw new LightboxError('INVALID_ARGUMENT', '--opacity takes a number from 0 to 1');
  const colormap = values.colormap ?? 'viridis';
  if (!['viridis', 'inferno', 'jet'].includes(colormap))
    throw new LightboxError('INVALID_ARGUMENT', `--colormap must be viridis, inferno or jet; got "${colormap}"`);

  const imageBytes = await readInputFile(positionals[0]!, 'image');
  const baselineBytes = baselineIsKind ? undefined : await readInputFile(values.baseline!, 'baseline image');
  const t0 = performance.now();
  const model = await loadModelFromFiles(modelPath, values.card, config.runtime);
  const loadMs = performance.now() - t0;
  const sessions = new GradientSessions(model, config.runtime);
  try {
    const image = await decodeImage(imageBytes, { maxPixels: config.maxPixels });
    const input = model.preprocess(image);
    const baselineInput = baselineBytes
      ? model.preprocess(await decodeImage(baselineBytes, { maxPixels: config.maxPixels }))
      : undefined;
    const request = {
      method: methodId,
      ...(values.target !== undefined ? { target: values.target } : {}),
      ...(values.layer !== undefined ? { layer: values.layer } : {}),
      params,
      ...(baselineInput ? { baselineInput } : {}),
    };
    const first: Explanation = await explainImage(sessions, input, request);
    let computeMs = first.timings.computeMs;
    if (repeat > 0) {
      const times: number[] = [];
      for (let i = 0; i < repeat; i++) times.push((await explainImage(sessions, input, request)).timings.computeMs);
      computeMs = median(times);
    }
    if (values.raw) await writeFile(values.raw, encodeNpy(first.map, first.shape));
    if (values.overlay) {
      await writeFile(
        values.overlay,
        renderAttributionOverlay(image, first, {
          colormap: colormap as 'viridis',
          ...(opacity !== undefined ? { opacity } : {}),
        }),
      );
    }
    const meta = {
      image: positionals[0],
      model: { name: model.card.name, version: model.card.version, sha256: model.sha256 },
      method: first.method,
      kind: first.kind,
      target: first.target,
      targetLabel: first.targetLabel,
      ...(first.layer ? { layer: first.layer } : {}),
      parameters: first.parameters,
      ...(first.extras.completenessGap !== undefined
        ? {
            completenessGap: first.extras.completenessGap,
            completenessGapRelative: first.extras.completenessGapRelative,
          }
        : {}),
      extras: first.extras,
      shape: first.shape,
      warnings: first.warnings,
      logits: first.logits,
      timings: { loadMs, prepareMs: first.timings.prepareMs, computeMs, ...(repeat > 0 ? { repeat } : {}) },
      ...(values.raw ? { raw: values.raw } : {}),
      ...(values.overlay ? { overlay: values.overlay } : {}),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(meta)}\n`);
    else {
      process.stdout.write(
        `${first.method} for "${first.targetLabel}" (target ${first.target})${first.layer ? ` at layer ${first.layer}` : ''}: map [${first.shape.join(', ')}], computed in ${computeMs.toFixed(1)} ms\n`,
      );
      for (const w of first.warnings) process.stdout.write(`warning: ${w}\n`);
    }
    return 0;
  } finally {
    await sessions.dispose();
    await model.dispose();
  }
}
