import { z } from 'zod';

/** Names an ONNX tensor; free text but never empty. */
const ZTensorName = z.string().min(1, 'must be a non-empty ONNX tensor name');

export const ZModelCardInput = z.object({
  name: ZTensorName,
  channels: z.number().int().min(1).max(4),
  height: z.number().int().min(1).max(8192),
  width: z.number().int().min(1).max(8192),
  mean: z.array(z.number().finite()).min(1),
  std: z.array(z.number().finite().positive('std values must be > 0')).min(1),
});

export const ZModelCardOutput = z.object({
  name: ZTensorName,
  activation: z.enum(['softmax', 'sigmoid', 'none']),
});

export const ZModelCardCalibration = z.object({
  /** Logits are divided by this before the activation (temperature scaling, Guo et al. 2017). */
  temperature: z.number().finite().positive().default(1),
});

/**
 * A model card: what Lightbox needs to know to run an ONNX classifier the way it was trained.
 * Unknown top-level fields (description, metrics, training notes…) are kept as they are.
 */
export const ZModelCard = z
  .looseObject({
    name: z.string().min(1).max(200),
    version: z.string().min(1).max(100),
    task: z.enum(['multiclass', 'multilabel']),
    labels: z.array(z.string().min(1)).min(1),
    input: ZModelCardInput,
    output: ZModelCardOutput,
    targetLayer: ZTensorName.optional(),
    calibration: ZModelCardCalibration.optional(),
    description: z.string().optional(),
    metrics: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  })
  .superRefine((card, ctx) => {
    const c = card.input.channels;
    if (card.input.mean.length !== c) {
      ctx.addIssue({
        code: 'custom',
        path: ['input', 'mean'],
        message: `needs ${c} value(s), one per channel; got ${card.input.mean.length}`,
      });
    }
    if (card.input.std.length !== c) {
      ctx.addIssue({
        code: 'custom',
        path: ['input', 'std'],
        message: `needs ${c} value(s), one per channel; got ${card.input.std.length}`,
      });
    }
    if (new Set(card.labels).size !== card.labels.length) {
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels must be unique' });
    }
    if (card.task === 'multilabel' && card.output.activation === 'softmax') {
      ctx.addIssue({
        code: 'custom',
        path: ['output', 'activation'],
        message: 'a multilabel model scores each label on its own: use "sigmoid" or "none", not "softmax"',
      });
    }
  });

export type TModelCard = z.infer<typeof ZModelCard>;
export type TModelCardInput = z.infer<typeof ZModelCardInput>;
