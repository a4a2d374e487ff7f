import type { TCaseDto } from '@lightbox/contracts';
import type { Case } from '@lightbox/db';

export function toCaseDto(row: Case): TCaseDto {
  return {
    id: row.id,
    format: row.format,
    width: row.width,
    height: row.height,
    inputSha256: row.inputSha256,
    storedSha256: row.storedSha256,
    originalKept: row.originalSha256 !== null,
    patientPseudonym: row.patientPseudonym,
    studyPseudonym: row.studyPseudonym,
    dicomMetadata: (row.dicomMetadata as Record<string, unknown> | null) ?? null,
    labels: row.labels,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    createdById: row.createdById,
    imageUrl: `/api/cases/${row.id}/image`,
  };
}
