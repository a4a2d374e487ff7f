import { z } from 'zod';

export const ZModelVersionDto = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.string(),
  task: z.enum(['multiclass', 'multilabel']),
  labels: z.array(z.string()),
  description: z.string().nullable(),
  /** SHA-256 of the ONNX file: the model's identity. */
  sha256: z.string(),
  /** The validated model card, whole. */
  card: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
export type TModelVersionDto = z.infer<typeof ZModelVersionDto>;

export const ZModelList = z.object({ items: z.array(ZModelVersionDto) });
