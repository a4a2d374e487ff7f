import { z } from 'zod';

/**
 * Queue and job vocabulary shared by the API (producer) and the worker (consumer). Plain data only, so the web app
 * can import it too: the option objects are shaped as BullMQ's `JobsOptions`, which checks them where they are used.
 */

/** Redis key prefix of every Lightbox queue, so they never mix with another application's. */
export const QUEUE_PREFIX = 'lightbox';

export const QUEUE_NAMES = {
  explain: 'explain',
} as const;
export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

export const JOB_NAMES = {
  explain: 'explain',
} as const;
export type TJobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

/**
 * Defaults for every job. The job id is the `Job.id` key of the database (deterministic, so adding the same work
 * twice is a no-op in BullMQ too); BullMQ rejects custom ids that contain `:` or are integers.
 */
export const DEFAULT_JOB_OPTIONS = Object.freeze({
  /** One retry for transient failures (Redis hiccup, worker killed); bad input fails at once (UnrecoverableError). */
  attempts: 2,
  backoff: Object.freeze({ type: 'exponential' as const, delay: 5_000 }),
  /** Results live in Postgres; Redis keeps a short tail for inspection only. */
  removeOnComplete: Object.freeze({ age: 24 * 3600, count: 1_000 }),
  removeOnFail: Object.freeze({ age: 7 * 24 * 3600, count: 5_000 }),
});

export const EXPLAIN_JOB_OPTIONS = Object.freeze({ ...DEFAULT_JOB_OPTIONS });

/** How long (ms) a worker may hold a job between heartbeats before BullMQ thinks it stalled. */
export const EXPLAIN_LOCK_DURATION_MS = 120_000;

export const ZExplainJobPayload = z.object({
  caseId: z.uuid(),
  modelVersionId: z.uuid(),
  /** Attribution method names (gradcam, integrated_gradients…); the engine validates them. */
  methods: z.array(z.string().min(1)).min(1, 'ask for at least one attribution method'),
  /** The class to explain, as an index into the model's labels or a label name; the top class when absent. */
  target: z.union([z.number().int().min(0), z.string().min(1)]).optional(),
  /** Id of the user who asked. */
  requestedBy: z.uuid(),
});
export type TExplainJobPayload = z.infer<typeof ZExplainJobPayload>;
