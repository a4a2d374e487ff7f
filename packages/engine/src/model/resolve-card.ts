import { LightboxError, type TModelCard, ZModelCard } from '@lightbox/contracts';
import { TensorDataType } from '../onnx/onnx-types';
import { formatShape, type GraphInfo } from './graph-info';
import { channelsHeightWidth, inputLayout, type TInputLayout } from './input-layout';

export interface ResolvedCard {
  readonly card: TModelCard;
  /** What was assumed because no card said it (empty when a card was given). */
  readonly assumptions: readonly string[];
  /** The image input's layout in the graph: Lightbox feeds NHWC models through channelsFirstView. */
  readonly layout: TInputLayout;
}

function cardError(field: string, message: string): LightboxError {
  return new LightboxError('INVALID_CARD', `Model card field "${field}": ${message}`, { details: { field } });
}

/** Parses a card (any JSON value) with zod and reports every problem with its field path. */
export function parseCard(raw: unknown): TModelCard {
  const parsed = ZModelCard.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(card)'}: ${i.message}`);
  const first = parsed.error.issues[0];
  throw new LightboxError('INVALID_CARD', `The model card is invalid: ${problems.join('; ')}`, {
    details: { field: first?.path.join('.') ?? '', problems },
  });
}

function staticDim(d: { value?: number } | undefined): number | undefined {
  return d?.value !== undefined && d.value > 0 ? d.value : undefined;
}

/** Checks the model looks like an image classifier: one float NCHW input, a rank-2 output. */
function checkClassifierShape(info: GraphInfo): void {
  if (info.inputs.length === 0)
    throw new LightboxError('INVALID_MODEL', 'The model has no inputs, so it cannot take an image.');
  const hasImageInput = info.inputs.some(
    (i) => i.elemType === TensorDataType.FLOAT && (i.shape === undefined || i.shape.length === 4),
  );
  if (!hasImageInput) {
    const list = info.inputs.map((i) => `${i.name} ${formatShape(i)}`).join(', ');
    throw new LightboxError(
      'INVALID_MODEL',
      `The model is not an image classifier: it needs a float32 input shaped [batch, channels, height, width] (or [batch, height, width, channels]); its inputs are ${list}.`,
    );
  }
  if (info.outputs.length === 0) throw new LightboxError('INVALID_MODEL', 'The model has no outputs.');
}

/**
 * Checks a card against the graph (input name, channels and size, output name and width) or, with no card,
 * infers one from the graph and lists what was assumed. Output width may be unknown in the graph: the caller
 * confirms it with a probe run (see loadClassifier).
 */
export function resolveCard(info: GraphInfo, rawCard: unknown | undefined, fallbackName: string): ResolvedCard {
  checkClassifierShape(info);
  if (rawCard !== undefined) {
    const card = parseCard(rawCard);
    const input = info.inputs.find((i) => i.name === card.input.name);
    if (!input) {
      throw cardError(
        'input.name',
        `"${card.input.name}" is not an input of the model; its inputs are: ${info.inputs.map((i) => i.name).join(', ')}.`,
      );
    }
    if (input.elemType !== TensorDataType.FLOAT) throw cardError('input.name', `input "${input.name}" is not float32.`);
    if (input.shape && input.shape.length !== 4) {
      throw cardError(
        'input.name',
        `input "${input.name}" has shape ${formatShape(input)}; an image input is [batch, channels, height, width].`,
      );
    }
    const layout = inputLayout(input);
    const { c, h, w } = channelsHeightWidth(input, layout);
    for (const [field, d, want] of [
      ['input.channels', c, card.input.channels],
      ['input.height', h, card.input.height],
      ['input.width', w, card.input.width],
    ] as const) {
      const got = staticDim(d);
      if (got !== undefined && got !== want)
        throw cardError(
          field,
          `the card says ${want} but the model's input "${input.name}" has ${got} (shape ${formatShape(input)}).`,
        );
    }
    const output = info.outputs.find((o) => o.name === card.output.name);
    if (!output) {
      throw cardError(
        'output.name',
        `"${card.output.name}" is not an output of the model; its outputs are: ${info.outputs.map((o) => o.name).join(', ')}.`,
      );
    }
    if (output.shape && output.shape.length !== 2) {
      throw new LightboxError(
        'INVALID_MODEL',
        `The model is not a classifier: output "${output.name}" has shape ${formatShape(output)}; a classifier outputs [batch, classes].`,
      );
    }
    const width = staticDim(output.shape?.[1]);
    if (width !== undefined && width !== card.labels.length) {
      throw cardError(
        'labels',
        `the card lists ${card.labels.length} labels but output "${output.name}" has ${width} values per image.`,
      );
    }
    return { card, assumptions: [], layout };
  }

  const assumptions: string[] = [];
  const input = info.inputs.find((i) => i.elemType === TensorDataType.FLOAT && i.shape?.length === 4);
  const layout = input ? inputLayout(input) : 'NCHW';
  const { c, h, w } = channelsHeightWidth(input, layout);
  const channels = staticDim(c);
  const height = staticDim(h);
  const width = staticDim(w);
  if (!input || channels === undefined || height === undefined || width === undefined) {
    const shown = input ? formatShape(input) : info.inputs.map((i) => `${i.name} ${formatShape(i)}`).join(', ');
    throw new LightboxError(
      'INVALID_CARD',
      `The model's input size is not fixed in the graph (${shown}); give a card (--card) with input.channels, height and width.`,
      { details: { field: 'input' } },
    );
  }
  const output = info.outputs[0]!;
  if (output.shape && output.shape.length !== 2) {
    throw new LightboxError(
      'INVALID_MODEL',
      `The model is not a classifier: output "${output.name}" has shape ${formatShape(output)}; a classifier outputs [batch, classes].`,
    );
  }
  const classes = staticDim(output.shape?.[1]);
  assumptions.push(
    `no card: input "${input.name}" ${channels}×${height}×${width}${layout === 'NHWC' ? ' (channels last)' : ''} read from the graph`,
  );
  assumptions.push('no card: intensities fed as [0,1] (mean 0, std 1 per channel)');
  const labelCount = classes ?? 0;
  const activation = labelCount === 1 ? 'sigmoid' : 'softmax';
  assumptions.push(`no card: output "${output.name}" taken as logits with ${activation}; labels named class_0…`);
  const card = parseCard({
    name: fallbackName,
    version: 'unversioned',
    task: labelCount === 1 ? 'multilabel' : 'multiclass',
    labels: Array.from({ length: Math.max(labelCount, 1) }, (_, i) => `class_${i}`),
    input: {
      name: input.name,
      channels,
      height,
      width,
      mean: new Array(channels).fill(0),
      std: new Array(channels).fill(1),
    },
    output: { name: output.name, activation },
  });
  return { card, assumptions, layout };
}
