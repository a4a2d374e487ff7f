import { z } from 'zod';

export const ZCaseDto = z.object({
  id: z.uuid(),
  format: z.enum(['png', 'jpeg', 'dicom']),
  width: z.number().int(),
  height: z.number().int(),
  /** SHA-256 of the bytes as uploaded. */
  inputSha256: z.string(),
  /** SHA-256 of the de-identified file Lightbox works from. */
  storedSha256: z.string(),
  /** True when the uploaded DICOM file is kept besides the de-identified one (KEEP_ORIGINAL_DICOM). */
  originalKept: z.boolean(),
  patientPseudonym: z.string().nullable(),
  studyPseudonym: z.string().nullable(),
  dicomMetadata: z.record(z.string(), z.unknown()).nullable(),
  labels: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdById: z.string().nullable(),
  /** Where to get the rendered image (PNG); add `?window=C,W` for another DICOM window. */
  imageUrl: z.string(),
});
export type TCaseDto = z.infer<typeof ZCaseDto>;

export const ZCaseListQuery = z.object({
  patientPseudonym: z.string().min(1).optional(),
  studyPseudonym: z.string().min(1).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZCaseList = z.object({
  items: z.array(ZCaseDto),
  total: z.number().int().min(0),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** `?window=center,width` in the image's stored units (after the modality LUT for DICOM). */
export const ZImageQuery = z.object({
  window: z
    .string()
    .regex(/^-?\d+(\.\d+)?,\d+(\.\d+)?$/, 'must be center,width, e.g. 40,400')
    .refine((value) => Number(value.split(',')[1]) > 0, 'width must be > 0')
    .optional(),
});
