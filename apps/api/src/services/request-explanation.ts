import { createHash } from 'node:crypto';
import {
  EXPLAIN_JOB_OPTIONS,
  JOB_NAMES,
  LightboxError,
  type TExplainJobPayload,
  type TExplainRequest,
} from '@lightbox/contracts';
import { canonicalJson, type Job, type PrismaClient, type TAuditEventInput } from '@lightbox/db';
import { METHOD_IDS } from '@lightbox/engine/methods/registry';
import type { Queue } from 'bullmq';

export type TRequestExplanationDeps = {
  prisma: PrismaClient;
  queue: Queue;
  audit: (event: TAuditEventInput) => Promise<unknown>;
};

/**
 * The job id of an explanation: `explain-` + the first 40 hex digits of SHA-256 over the canonical JSON of what is
 * asked (case, model version, methods in sorted order, target). Asking for the same thing twice finds the same job;
 * BullMQ ids cannot contain ':' and this one does not.
 */
export function explainJobId(request: {
  caseId: string;
  modelVersionId: string;
  methods: string[];
  target?: number | string;
}): string {
  const key = canonicalJson({
    kind: 'explain',
    caseId: request.caseId,
    modelVersionId: request.modelVersionId,
    methods: [...request.methods].sort(),
    target: request.target ?? null,
  });
  return `explain-${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

/**
 * Asks for an explanation: validates the case, model, methods and target, then creates the Job row (INSERT … ON
 * CONFLICT DO NOTHING on the deterministic id) and enqueues it under the same id (BullMQ ignores a second add), so
 * any number of identical concurrent requests make one job and one result. An Idempotency-Key is bound to the first
 * request it came with; reusing it for a different request is a 409. A failed or cancelled job is started again.
 */
export async function requestExplanation(
  deps: TRequestExplanationDeps,
  input: TExplainRequest & { caseId: string; requestedBy: string; idempotencyKey?: string },
): Promise<{ job: Job; created: boolean }> {
  const { prisma } = deps;
  const unknown = input.methods.filter((method) => !METHOD_IDS.includes(method));
  if (unknown.length > 0) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `Unknown method(s): ${unknown.join(', ')}. Methods: ${METHOD_IDS.join(', ')}`,
      { details: { field: 'methods' } },
    );
  }
  const [caseRow, model] = await Promise.all([
    prisma.case.findUnique({ where: { id: input.caseId } }),
    prisma.modelVersion.findUnique({ where: { id: input.modelId } }),
  ]);
  if (!caseRow) throw new LightboxError('NOT_FOUND', `No case ${input.caseId}`);
  if (!model)
    throw new LightboxError('NOT_FOUND', `No model version ${input.modelId}`, { details: { field: 'modelId' } });
  if (model.retiredAt) throw new LightboxError('CONFLICT', `Model ${model.name} ${model.version} is retired`);
  if (typeof input.target === 'number' && input.target >= model.labels.length) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `target ${input.target} is out of range: the model has ${model.labels.length} labels`,
      { details: { field: 'target' } },
    );
  }
  if (typeof input.target === 'string' && !model.labels.includes(input.target)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `target "${input.target}" is not a label of the model (${model.labels.join(', ')})`,
      { details: { field: 'target' } },
    );
  }

  const jobId = explainJobId({
    caseId: caseRow.id,
    modelVersionId: model.id,
    methods: input.methods,
    ...(input.target === undefined ? {} : { target: input.target }),
  });
  if (input.idempotencyKey) {
    const bound = await prisma.job.findUnique({
      where: { idempotencyKey: input.idempotencyKey },
      select: { id: true },
    });
    if (bound && bound.id !== jobId) {
      throw new LightboxError('CONFLICT', 'This Idempotency-Key was already used for a different request', {
        details: { field: 'Idempotency-Key', jobId: bound.id },
      });
    }
  }
  const payload: TExplainJobPayload = {
    caseId: caseRow.id,
    modelVersionId: model.id,
    methods: input.methods,
    ...(input.target === undefined ? {} : { target: input.target }),
    requestedBy: input.requestedBy,
  };
  const inserted = await prisma.job.createMany({
    data: [
      {
        id: jobId,
        kind: 'explain',
        payload,
        caseId: caseRow.id,
        modelVersionId: model.id,
        createdById: input.requestedBy,
        idempotencyKey: input.idempotencyKey ?? null,
      },
    ],
    skipDuplicates: true,
  });
  let created = inserted.count === 1;
  const found = await prisma.job.findUnique({ where: { id: jobId } });
  if (!found) {
    // The insert lost to a concurrent request that bound the same Idempotency-Key to another job.
    throw new LightboxError('CONFLICT', 'This Idempotency-Key was already used for a different request', {
      details: { field: 'Idempotency-Key' },
    });
  }
  let job = found;
  if (!created && (job.state === 'failed' || job.state === 'cancelled')) {
    const restarted = await prisma.job.updateMany({
      where: { id: jobId, state: { in: ['failed', 'cancelled'] } },
      data: { state: 'queued', progress: 0, error: null, errorCode: null, startedAt: null, finishedAt: null, payload },
    });
    if (restarted.count === 1) {
      const previous = await deps.queue.getJob(jobId);
      try {
        await previous?.remove();
      } catch {
        throw new LightboxError('CONFLICT', `Job ${jobId} is still stopping; ask again in a moment`);
      }
      created = true;
      job = await prisma.job.findUniqueOrThrow({ where: { id: jobId } });
    }
  }
  if (job.state === 'queued') {
    try {
      await deps.queue.add(JOB_NAMES.explain, payload, { ...EXPLAIN_JOB_OPTIONS, jobId });
    } catch (cause) {
      if (inserted.count === 1) await prisma.job.delete({ where: { id: jobId } }).catch(() => undefined);
      throw new LightboxError('UNAVAILABLE', `Could not enqueue job ${jobId}: ${(cause as Error).message}`, { cause });
    }
  }
  await deps.audit({
    action: 'explanation.request',
    outcome: 'success',
    caseId: caseRow.id,
    patientPseudonym: caseRow.patientPseudonym,
    studyPseudonym: caseRow.studyPseudonym,
    modelName: model.name,
    modelVersion: model.version,
    modelSha256: model.onnxSha256,
    inputSha256: caseRow.inputSha256,
    method: input.methods.join(','),
    details: { jobId, created, target: input.target ?? null },
  });
  return { job, created };
}
