import { z } from 'zod';
import { ZRole } from './roles';

/** One audit event as the API shows it. `seq` is a string: it is a 64-bit integer. */
export const ZAuditEvent = z.object({
  seq: z.string(),
  id: z.uuid(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: ZRole.nullable(),
  action: z.string(),
  outcome: z.enum(['success', 'failure', 'denied']),
  sourceIp: z.string().nullable(),
  caseId: z.string().nullable(),
  patientPseudonym: z.string().nullable(),
  studyPseudonym: z.string().nullable(),
  modelName: z.string().nullable(),
  modelVersion: z.string().nullable(),
  modelSha256: z.string().nullable(),
  inputSha256: z.string().nullable(),
  method: z.string().nullable(),
  parameters: z.unknown(),
  scores: z.unknown(),
  verdict: z.enum(['agree', 'disagree', 'unsure']).nullable(),
  details: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;

export const AUDIT_SORT_FIELDS = [
  'seq',
  'at',
  'actorEmail',
  'actorRole',
  'action',
  'outcome',
  'caseId',
  'modelName',
  'modelVersion',
  'method',
  'verdict',
  'sourceIp',
] as const;

/** Filters shared by the listing and the export. Times are ISO 8601; `to` is exclusive. */
export const ZAuditFilter = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actorId: z.uuid().optional(),
  actorEmail: z.string().min(1).optional(),
  action: z.string().min(1).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  caseId: z.uuid().optional(),
  modelName: z.string().min(1).optional(),
  modelVersion: z.string().min(1).optional(),
});
export type TAuditFilter = z.infer<typeof ZAuditFilter>;

export const ZAuditQuery = ZAuditFilter.extend({
  sort: z.enum(AUDIT_SORT_FIELDS).default('seq'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEvent),
  total: z.number().int().min(0),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1),
});

export const ZAuditExportQuery = ZAuditFilter.extend({ format: z.enum(['csv', 'json', 'fhir']).default('json') });

export const ZAuditVerification = z.object({
  valid: z.boolean(),
  length: z.number().int().min(0),
  head: z.string(),
  firstBadIndex: z.number().int().min(0).optional(),
  firstBadSeq: z.string().optional(),
  reason: z.string().optional(),
});
