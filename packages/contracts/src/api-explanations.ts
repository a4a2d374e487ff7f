import { z } from 'zod';

export const ZExplainRequest = z.object({
  modelId: z.uuid(),
  /** Attribution method ids (gradcam, integrated_gradients…), each at most once. */
  methods: z
    .array(z.string().min(1).max(64))
    .min(1, 'ask for at least one attribution method')
    .max(13)
    .refine((methods) => new Set(methods).size === methods.length, 'list each method once'),
  /** Class index or label; the top-scoring class when absent. */
  target: z.union([z.number().int().min(0), z.string().min(1).max(200)]).optional(),
});
export type TExplainRequest = z.infer<typeof ZExplainRequest>;

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const ZJobState = z.enum(JOB_STATES);

export const ZJobAccepted = z.object({ jobId: z.string(), state: ZJobState });

export const ZJobDto = z.object({
  id: z.string(),
  state: ZJobState,
  /** 0 to 1. */
  progress: z.number(),
  error: z.string().optional(),
  errorCode: z.string().optional(),
  explanationId: z.string().optional(),
  caseId: z.string().nullable(),
  modelVersionId: z.string().nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TJobDto = z.infer<typeof ZJobDto>;

export const ZExplanationMapDto = z.object({
  id: z.uuid(),
  method: z.string(),
  /** The overlay (map over the image, with a colour bar) as PNG. */
  mapUrl: z.string(),
  /** The raw map as a float32 NPY file, shape as below. */
  rawUrl: z.string(),
  shape: z.array(z.number().int()),
  parameters: z.record(z.string(), z.unknown()),
  timings: z.record(z.string(), z.number()),
  warnings: z.array(z.string()),
  extras: z.record(z.string(), z.unknown()),
  layer: z.string().nullable(),
});

export const ZExplanationDto = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  jobId: z.string().nullable(),
  model: z.object({ id: z.uuid(), name: z.string(), version: z.string(), sha256: z.string() }),
  labels: z.array(z.string()),
  /** Calibrated scores, one per label. */
  scores: z.array(z.number()),
  target: z.number().int(),
  targetLabel: z.string(),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  methods: z.array(ZExplanationMapDto),
});
export type TExplanationDto = z.infer<typeof ZExplanationDto>;

export const ZReviewRequest = z.object({
  explanationId: z.uuid(),
  verdict: z.enum(['agree', 'disagree', 'unsure']),
  note: z.string().max(5_000).optional(),
  /** The map the verdict is about, when it is about one method. */
  attributionMapId: z.uuid().optional(),
  /** A region drawn on the image, in image pixels. */
  region: z
    .union([
      z.object({
        type: z.literal('rect'),
        x: z.number(),
        y: z.number(),
        width: z.number().positive(),
        height: z.number().positive(),
      }),
      z.object({
        type: z.literal('polygon'),
        points: z
          .array(z.tuple([z.number(), z.number()]))
          .min(3)
          .max(1_000),
      }),
    ])
    .optional(),
});
export type TReviewRequest = z.infer<typeof ZReviewRequest>;

export const ZReviewDto = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  explanationId: z.string().nullable(),
  attributionMapId: z.string().nullable(),
  reviewerId: z.uuid(),
  verdict: z.enum(['agree', 'disagree', 'unsure']),
  note: z.string().nullable(),
  region: z.unknown(),
  createdAt: z.string(),
});

export const ZExplanationSummary = z.object({
  id: z.uuid(),
  jobId: z.string().nullable(),
  model: z.object({ id: z.uuid(), name: z.string(), version: z.string() }),
  methods: z.array(z.string()),
  target: z.number().int(),
  targetLabel: z.string(),
  scores: z.array(z.number()),
  createdAt: z.string(),
});
export const ZExplanationSummaryList = z.object({ items: z.array(ZExplanationSummary) });
