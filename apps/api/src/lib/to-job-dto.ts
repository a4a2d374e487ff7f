import type { TJobDto } from '@lightbox/contracts';
import type { Job } from '@lightbox/db';

export function toJobDto(job: Job & { explanation?: { id: string } | null }): TJobDto {
  return {
    id: job.id,
    state: job.state,
    progress: job.progress,
    ...(job.error ? { error: job.error } : {}),
    ...(job.errorCode ? { errorCode: job.errorCode } : {}),
    ...(job.explanation ? { explanationId: job.explanation.id } : {}),
    caseId: job.caseId,
    modelVersionId: job.modelVersionId,
    attempts: job.attempts,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
