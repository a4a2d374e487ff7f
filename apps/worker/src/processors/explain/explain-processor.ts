import { LightboxError, QUEUE_NAMES, ZExplainJobPayload } from '@lightbox/contracts';
import { appendAuditEvent, type Prisma, type PrismaClient } from '@lightbox/db';
import { type Explanation, explainImage } from '@lightbox/engine';
import { decodeImage } from '@lightbox/engine/image/index';
import { defineProcessor, type TProcessorContext } from '../processor';
import { ModelCache } from './model-cache';
import { renderAttribution, type TRenderedAttribution } from './render-attribution';

export type TExplainProcessorOptions = {
  prisma: PrismaClient;
  modelCacheSize: number;
  lockDuration: number;
  stalledInterval: number;
  /** How often a running job checks whether it was cancelled (default 300 ms). */
  cancelPollMs?: number;
};

/** Codes worth another attempt; any other failure is about the input and fails the job at once. */
const TRANSIENT = new Set(['UNAVAILABLE', 'INTERNAL']);
const PROGRESS_WRITE_MS = 250;

/**
 * The explain processor: payload → engine → one Explanation with its maps and its audit event, written in one
 * transaction that first locks the Job row, so a retried or recovered job (worker killed, lock lost) can never
 * write a second result. Progress goes to BullMQ and to Job.progress; cancellation (Job.state = cancelled, set by
 * the API) is seen between batches through an AbortSignal.
 */
export function createExplainProcessor(options: TExplainProcessorOptions) {
  const { prisma } = options;
  const models = new ModelCache(options.modelCacheSize);

  const processor = defineProcessor({
    queue: QUEUE_NAMES.explain,
    schema: ZExplainJobPayload,
    workerOptions: {
      lockDuration: options.lockDuration,
      stalledInterval: options.stalledInterval,
      maxStalledCount: 2,
    },
    onFailed: async (job, error) => {
      if (!job?.id) return;
      const final = error.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
      if (!final) return;
      // The handler records its own failures; this catches the ones it never saw (stalled too many times).
      await prisma.job.updateMany({
        where: { id: job.id, state: { in: ['queued', 'running'] } },
        data: {
          state: 'failed',
          error: /stalled/i.test(error.message)
            ? 'The worker running this job stopped too many times'
            : 'The job failed',
          errorCode: 'UNAVAILABLE',
          finishedAt: new Date(),
        },
      });
    },
    handle: async (payload, context) => {
      const jobId = context.job.id!;
      const row = await prisma.job.findUnique({
        where: { id: jobId },
        include: { explanation: { select: { id: true } } },
      });
      if (!row)
        throw new LightboxError('NOT_FOUND', `Job ${jobId} has no row in the database (its case or model was deleted)`);
      if (row.explanation) {
        // Written by an earlier attempt that died before BullMQ heard of it.
        await prisma.job.updateMany({
          where: { id: jobId, state: { not: 'completed' } },
          data: { state: 'completed', progress: 1, finishedAt: new Date() },
        });
        return { explanationId: row.explanation.id };
      }
      const started = await prisma.job.updateMany({
        where: { id: jobId, state: { in: ['queued', 'running'] } },
        data: { state: 'running', startedAt: new Date(), attempts: { increment: 1 }, error: null, errorCode: null },
      });
      if (started.count === 0) return { skipped: row.state };

      const controller = new AbortController();
      const watcher = setInterval(() => {
        prisma.job
          .findUnique({ where: { id: jobId }, select: { state: true } })
          .then((current) => {
            if (current?.state === 'cancelled' || !current) controller.abort();
          })
          .catch(() => undefined);
      }, options.cancelPollMs ?? 300);
      try {
        const explanationId = await run(jobId, payload, context, controller.signal);
        return { explanationId };
      } catch (error) {
        if (controller.signal.aborted || (LightboxError.is(error) && error.code === 'CANCELLED')) {
          context.log.info('job cancelled', { jobId });
          return { cancelled: true };
        }
        const code = LightboxError.is(error) ? error.code : 'INTERNAL';
        const message =
          LightboxError.is(error) && code !== 'INTERNAL' ? error.message : 'Internal error while explaining';
        const retrying = TRANSIENT.has(code) && context.job.attemptsMade + 1 < (context.job.opts.attempts ?? 1);
        if (!LightboxError.is(error)) context.log.error('explain failed', { jobId, error: String(error) });
        await prisma.job.updateMany({
          where: { id: jobId, state: 'running' },
          data: retrying
            ? { state: 'queued', error: message, errorCode: code }
            : { state: 'failed', error: message, errorCode: code, finishedAt: new Date() },
        });
        throw error;
      } finally {
        clearInterval(watcher);
      }
    },
  });

  async function run(
    jobId: string,
    payload: {
      caseId: string;
      modelVersionId: string;
      methods: string[];
      target?: number | string | undefined;
      requestedBy: string;
    },
    context: TProcessorContext,
    signal: AbortSignal,
  ): Promise<string> {
    const [caseRow, model] = await Promise.all([
      prisma.case.findUnique({ where: { id: payload.caseId }, include: { stored: { select: { bytes: true } } } }),
      prisma.modelVersion.findUnique({ where: { id: payload.modelVersionId } }),
    ]);
    if (!caseRow) throw new LightboxError('NOT_FOUND', `Case ${payload.caseId} no longer exists`);
    if (!model) throw new LightboxError('NOT_FOUND', `Model version ${payload.modelVersionId} no longer exists`);

    let lastWrite = 0;
    const report = (fraction: number) => {
      void context.reportProgress(fraction).catch(() => undefined);
      const now = Date.now();
      if (now - lastWrite < PROGRESS_WRITE_MS) return;
      lastWrite = now;
      void prisma.job
        .updateMany({ where: { id: jobId, state: 'running' }, data: { progress: Math.min(0.99, fraction) } })
        .catch(() => undefined);
    };
    report(0.01);

    const { classifier, sessions } = await models.get(model.id, async () => {
      const blob = await prisma.blob.findUniqueOrThrow({
        where: { sha256: model.onnxSha256 },
        select: { bytes: true },
      });
      return { bytes: blob.bytes, card: model.card };
    });
    const image = await decodeImage(caseRow.stored.bytes);
    const input = classifier.preprocess(image);
    const [prediction] = await classifier.predict([input]);
    const scores = prediction!.scores;

    const results: Array<{ result: Explanation; rendered: TRenderedAttribution }> = [];
    const n = payload.methods.length;
    for (const [i, method] of payload.methods.entries()) {
      if (signal.aborted) throw new LightboxError('CANCELLED', `Job ${jobId} was cancelled`);
      const result = await explainImage(sessions, input, {
        method,
        ...(payload.target === undefined ? {} : { target: payload.target }),
        signal,
        onProgress: (fraction) => report(0.05 + (0.9 * (i + fraction)) / n),
      });
      results.push({ result, rendered: renderAttribution(image, result) });
      report(0.05 + (0.9 * (i + 1)) / n);
    }
    if (signal.aborted) throw new LightboxError('CANCELLED', `Job ${jobId} was cancelled`);

    const first = results[0]!.result;
    const requester = await prisma.user.findUnique({
      where: { id: payload.requestedBy },
      select: { email: true, role: true },
    });
    return prisma.$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<
          Array<{ state: string }>
        >`SELECT state::text AS state FROM "Job" WHERE id = ${jobId} FOR UPDATE`;
        if (locked[0]?.state === 'cancelled') throw new LightboxError('CANCELLED', `Job ${jobId} was cancelled`);
        const existing = await tx.explanation.findUnique({ where: { jobId }, select: { id: true } });
        if (existing) return existing.id;
        const explanation = await tx.explanation.create({
          data: {
            caseId: caseRow.id,
            modelVersionId: model.id,
            jobId,
            scores,
            labels: classifier.card.labels,
            target: first.target,
            metadata: {
              targetLabel: first.targetLabel,
              logits: first.logits,
              preprocessing: classifier.card.input,
              attempt: context.job.attemptsMade + 1,
            } as Prisma.InputJsonValue,
            createdById: payload.requestedBy,
            maps: {
              create: results.map(({ result, rendered }) => ({
                method: result.method,
                parameters: result.parameters as Prisma.InputJsonValue,
                metadata: {
                  kind: result.kind,
                  layer: result.layer ?? null,
                  warnings: result.warnings,
                  extras: result.extras,
                  timings: result.timings,
                } as Prisma.InputJsonValue,
                rawGzip: rendered.rawGzip as Uint8Array<ArrayBuffer>,
                shape: rendered.shape,
                png: rendered.png as Uint8Array<ArrayBuffer>,
              })),
            },
          },
        });
        await appendAuditEvent(tx, {
          actorId: payload.requestedBy,
          actorEmail: requester?.email ?? null,
          actorRole: requester?.role ?? null,
          action: 'explanation.create',
          outcome: 'success',
          caseId: caseRow.id,
          patientPseudonym: caseRow.patientPseudonym,
          studyPseudonym: caseRow.studyPseudonym,
          modelName: model.name,
          modelVersion: model.version,
          modelSha256: model.onnxSha256,
          inputSha256: caseRow.inputSha256,
          method: payload.methods.join(','),
          parameters: Object.fromEntries(results.map(({ result }) => [result.method, result.parameters])),
          scores,
          details: { jobId, explanationId: explanation.id, target: first.target, targetLabel: first.targetLabel },
        });
        await tx.job.update({
          where: { id: jobId },
          data: { state: 'completed', progress: 1, finishedAt: new Date() },
        });
        return explanation.id;
      },
      { timeout: 30_000 },
    );
  }

  return { processor, close: () => models.clear() };
}
