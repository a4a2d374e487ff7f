import { LightboxError } from '@lightbox/contracts';
import type { AttributionResult } from './attribution-method';
import type { GradientSessions } from './gradient-sessions';
import { METHOD_IDS, METHODS } from './registry';
import { resolveTarget } from './resolve-target';

export interface ExplainRequest {
  readonly method: string;
  /** Class index or label name; default: the top-scoring label. */
  readonly target?: number | string;
  /** CAM layer; default: the card's targetLayer, else the automatic choice. */
  readonly layer?: string;
  /** Method parameters (validated by the method's schema; defaults filled in). */
  readonly params?: Record<string, unknown>;
  readonly baselineInput?: Float32Array;
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

export interface Explanation extends Omit<AttributionResult, 'logits'> {
  readonly method: string;
  readonly kind: 'cam' | 'input';
  readonly target: number;
  readonly targetLabel: string;
  readonly layer?: string;
  readonly logits: number[];
  readonly timings: { readonly prepareMs: number; readonly computeMs: number };
}

/** Validates a method id and its parameters before any work starts. */
export function parseMethodParams(method: string, params: Record<string, unknown> = {}): Record<string, unknown> {
  const m = METHODS[method];
  if (!m) throw new LightboxError('INVALID_ARGUMENT', `Unknown method "${method}". Methods: ${METHOD_IDS.join(', ')}.`);
  const parsed = m.schema.safeParse(params);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'parameters'}: ${i.message}`).join('; ');
    throw new LightboxError('INVALID_ARGUMENT', `Bad parameters for ${method}: ${problems}`);
  }
  return parsed.data;
}

/**
 * Runs one attribution method on one preprocessed image. The sessions (and so the prepare cost) are shared
 * across calls for the same model; `timings.prepareMs` is what this call spent preparing them.
 */
export async function explainImage(
  sessions: GradientSessions,
  input: Float32Array,
  req: ExplainRequest,
): Promise<Explanation> {
  const method = METHODS[req.method];
  const params = parseMethodParams(req.method, req.params);
  const classifier = sessions.classifier;
  const prepareBefore = sessions.prepareMs;
  const t0 = performance.now();
  // The forward pass that picks the top class is part of the method only when no target was given.
  let logitList = req.target === undefined ? Array.from((await classifier.logits([input]))[0]!) : undefined;
  const target = resolveTarget(classifier.card, req.target, logitList ?? []);
  let layer: string | undefined;
  if (method!.needsLayer) {
    layer = req.layer ?? classifier.card.targetLayer ?? (await sessions.defaultCamLayer());
    if (!layer)
      throw new LightboxError(
        'INVALID_ARGUMENT',
        'The model has no 4-D activation with spatial size above 1, so CAM methods have no layer to use.',
      );
    const facts = (await sessions.shapeTable()).get(layer);
    if (!facts)
      throw new LightboxError(
        'INVALID_ARGUMENT',
        `Layer "${layer}" is not a tensor of the model; run \`lightbox layers --model <file>\` to list them.`,
      );
  }
  const result = await method!.run(
    {
      classifier,
      input,
      target,
      layer,
      sessions,
      ...(req.baselineInput ? { baselineInput: req.baselineInput } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
    },
    params,
  );
  // Reported with the result; taken from the method's own runs where it had them, else one more forward pass.
  logitList ??= Array.from(result.logits ?? (await classifier.logits([input]))[0]!);
  const total = performance.now() - t0;
  const prepareMs = sessions.prepareMs - prepareBefore;
  const { logits: _ownLogits, ...rest } = result;
  const warnings = [...result.warnings];
  if (req.layer !== undefined && !method!.needsLayer)
    warnings.push(`--layer is ignored by ${req.method}, which works in input space`);
  return {
    ...rest,
    warnings,
    method: req.method,
    kind: method!.kind,
    target,
    targetLabel: classifier.card.labels[target]!,
    ...(layer ? { layer } : {}),
    logits: logitList,
    timings: { prepareMs, computeMs: Math.max(0, total - prepareMs) },
  };
}
