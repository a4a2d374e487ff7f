import type { TModelVersionDto } from '@lightbox/contracts';
import type { ModelVersion } from '@lightbox/db';

export function toModelDto(model: ModelVersion): TModelVersionDto {
  return {
    id: model.id,
    name: model.name,
    version: model.version,
    task: model.task,
    labels: model.labels,
    description: model.description,
    sha256: model.onnxSha256,
    card: model.card as Record<string, unknown>,
    createdAt: model.createdAt.toISOString(),
    createdById: model.createdById,
    retiredAt: model.retiredAt?.toISOString() ?? null,
  };
}
