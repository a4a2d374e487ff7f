import { createHash } from 'node:crypto';
import { LightboxError } from '@lightbox/contracts';
import {
  appendAuditEvent,
  type Case,
  type Prisma,
  type PrismaClient,
  putBlob,
  type TAuditEventInput,
} from '@lightbox/db';
import { sniffImageFormat } from '@lightbox/engine/image/index';
import type { TAppSettings } from '../app-settings';
import type { TCpuPool, TCpuRunOptions } from '../cpu/cpu-pool';
import { stripImageMetadata } from '../deidentify/strip-image-metadata';

export type TCreateCaseDeps = { prisma: PrismaClient; cpu: TCpuPool; settings: TAppSettings };

export type TCreateCaseInput = {
  bytes: Uint8Array;
  actor: Pick<TAuditEventInput, 'actorId' | 'actorEmail' | 'actorRole' | 'sourceIp'>;
  labels?: string[];
  note?: string | null;
};

const CONTENT_TYPES = { png: 'image/png', jpeg: 'image/jpeg', dicom: 'application/dicom' } as const;
const DECODE_TIMEOUT_MS = 60_000;

const imageTask: TCpuRunOptions = {
  timeoutMs: DECODE_TIMEOUT_MS,
  failure: (reason) =>
    new LightboxError(
      'INVALID_IMAGE',
      reason === 'timeout'
        ? `The image could not be decoded within ${DECODE_TIMEOUT_MS / 1000} s`
        : 'The image crashed the decoder',
      { details: { field: 'file' } },
    ),
};

/**
 * Creates a case from an uploaded PNG, JPEG or DICOM file. The format is recognised from the content; the file is
 * decoded (in a CPU child, with the pixel budget) to prove it is readable; DICOM is de-identified (PS3.15 Annex E
 * basic profile, keyed pseudonyms) and only the de-identified copy is kept unless `keepOriginalDicom`. The blobs,
 * the case and its audit event are written in one transaction.
 */
export async function createCase(deps: TCreateCaseDeps, input: TCreateCaseInput): Promise<Case> {
  const { bytes } = input;
  if (bytes.byteLength > deps.settings.caseMaxBytes) {
    throw new LightboxError(
      'IMAGE_TOO_LARGE',
      `The file is ${bytes.byteLength} bytes; the limit is ${deps.settings.caseMaxBytes}`,
      { details: { field: 'file' } },
    );
  }
  const sniffed = sniffImageFormat(bytes);
  const format = sniffed === 'dicom-raw' ? 'dicom' : sniffed;
  const maxPixels = deps.settings.imageMaxPixels;
  const inspected = await deps.cpu.run('inspectImage', { bytes, maxPixels }, imageTask);

  let stored = bytes;
  let patientPseudonym: string | null = null;
  let studyPseudonym: string | null = null;
  let dicomMetadata: Record<string, unknown> | null = null;
  if (format === 'dicom') {
    const deidentified = await deps.cpu.run(
      'deidentifyDicom',
      { bytes, secret: deps.settings.pseudonymSecret },
      imageTask,
    );
    stored = deidentified.bytes;
    patientPseudonym = deidentified.patientPseudonym;
    studyPseudonym = deidentified.studyPseudonym;
    dicomMetadata = { ...deidentified.metadata, window: inspected.window };
    // What Lightbox works from must decode exactly like what was uploaded.
    const check = await deps.cpu.run('inspectImage', { bytes: stored, maxPixels }, imageTask);
    if (check.width !== inspected.width || check.height !== inspected.height) {
      throw new LightboxError('INVALID_IMAGE', 'The DICOM file changed shape when de-identified', {
        details: { field: 'file' },
      });
    }
  } else {
    // PNG text chunks and JPEG comments / EXIF can hold names and IDs: only the pixels are kept.
    stored = stripImageMetadata(bytes, format);
  }
  const inputSha256 = createHash('sha256').update(bytes).digest('hex');
  const keepOriginal = format === 'dicom' && deps.settings.keepOriginalDicom;

  return deps.prisma.$transaction(async (tx) => {
    const storedSha256 = await putBlob(tx, stored, CONTENT_TYPES[format]);
    const originalSha256 = keepOriginal ? await putBlob(tx, bytes, CONTENT_TYPES[format]) : null;
    const created = await tx.case.create({
      data: {
        inputSha256,
        storedSha256,
        originalSha256,
        format,
        width: inspected.width,
        height: inspected.height,
        patientPseudonym,
        studyPseudonym,
        ...(dicomMetadata ? { dicomMetadata: dicomMetadata as Prisma.InputJsonValue } : {}),
        labels: input.labels ?? [],
        note: input.note ?? null,
        createdById: input.actor.actorId ?? null,
      },
    });
    await appendAuditEvent(tx, {
      ...input.actor,
      action: 'case.upload',
      outcome: 'success',
      caseId: created.id,
      patientPseudonym,
      studyPseudonym,
      inputSha256,
      details: { format, width: inspected.width, height: inspected.height, storedSha256, originalKept: keepOriginal },
    });
    return created;
  });
}
