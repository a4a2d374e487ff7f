import { LightboxError } from '@lightbox/contracts';
import { type Job, type Processor, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import type { TLogger } from '../log';

export type TProcessorContext = {
  job: Job;
  log: TLogger;
  /** 0 to 1; stored on the BullMQ job (the processor mirrors it into Postgres itself). */
  reportProgress: (fraction: number) => Promise<void>;
};

/** One queue's processor: its payload is parsed by `schema` before `handle` runs. */
export type TProcessor<TSchema extends z.ZodType = z.ZodType> = {
  queue: string;
  schema: TSchema;
  handle: (payload: z.output<TSchema>, context: TProcessorContext) => Promise<unknown>;
  /** BullMQ worker settings for this queue (lock duration, stalled-job checks). */
  workerOptions?: { lockDuration?: number; stalledInterval?: number; maxStalledCount?: number };
  /** Called after every failed attempt, including failures BullMQ decides alone (a job that stalled too often). */
  onFailed?: (job: Job | undefined, error: Error) => Promise<void>;
};

export function defineProcessor<TSchema extends z.ZodType>(processor: TProcessor<TSchema>): TProcessor<TSchema> {
  return processor;
}

/** LightboxError codes worth a retry; every other one means the same input would fail again. */
const TRANSIENT_CODES = new Set(['UNAVAILABLE', 'INTERNAL']);

/**
 * Adapts a processor to BullMQ: a payload that does not parse, or a LightboxError about the input, fails the job
 * at once (UnrecoverableError: no retries); anything else is left to BullMQ's attempts and backoff.
 */
export function toBullProcessor(processor: TProcessor, log: TLogger): Processor {
  return async (job) => {
    const parsed = processor.schema.safeParse(job.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
      throw new UnrecoverableError(
        `Job ${job.id} on queue ${processor.queue} has an invalid payload: ${problems.join('; ')}`,
      );
    }
    const context: TProcessorContext = {
      job,
      log,
      reportProgress: (fraction) => job.updateProgress(Math.min(1, Math.max(0, fraction))),
    };
    try {
      return await processor.handle(parsed.data, context);
    } catch (error) {
      if (LightboxError.is(error) && !TRANSIENT_CODES.has(error.code)) {
        throw new UnrecoverableError(`${error.code}: ${error.message}`);
      }
      throw error;
    }
  };
}
