import { createHash } from 'node:crypto';
import type { AuditOutcome, Role, Verdict } from '../generated/prisma/enums';
import { canonicalJson } from './canonical-json';

/** JSON a column can hold. */
export type TJsonValue = string | number | boolean | null | TJsonValue[] | { [key: string]: TJsonValue };

/** What a caller says happened. `id` and `at` are filled in when absent. */
export type TAuditEventInput = {
  id?: string;
  at?: Date;
  actorId?: string | null;
  actorEmail?: string | null;
  actorRole?: Role | null;
  action: string;
  outcome: AuditOutcome;
  sourceIp?: string | null;
  caseId?: string | null;
  patientPseudonym?: string | null;
  studyPseudonym?: string | null;
  modelName?: string | null;
  modelVersion?: string | null;
  modelSha256?: string | null;
  inputSha256?: string | null;
  method?: string | null;
  parameters?: unknown;
  scores?: unknown;
  verdict?: Verdict | null;
  details?: unknown;
};

/** Every hashed field of an event, absent ones as null: exactly what is stored and read back. */
export type TAuditEventRecord = {
  id: string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: Role | null;
  action: string;
  outcome: AuditOutcome;
  sourceIp: string | null;
  caseId: string | null;
  patientPseudonym: string | null;
  studyPseudonym: string | null;
  modelName: string | null;
  modelVersion: string | null;
  modelSha256: string | null;
  inputSha256: string | null;
  method: string | null;
  parameters: TJsonValue | null;
  scores: TJsonValue | null;
  verdict: Verdict | null;
  details: TJsonValue | null;
};

/** The hashed fields, in the order they are documented (the hash itself sorts them). */
export const AUDIT_HASHED_FIELDS = [
  'id',
  'at',
  'actorId',
  'actorEmail',
  'actorRole',
  'action',
  'outcome',
  'sourceIp',
  'caseId',
  'patientPseudonym',
  'studyPseudonym',
  'modelName',
  'modelVersion',
  'modelSha256',
  'inputSha256',
  'method',
  'parameters',
  'scores',
  'verdict',
  'details',
] as const satisfies ReadonlyArray<keyof TAuditEventRecord>;

/** The previous hash of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** A JSON value as it will read back from a jsonb column (Dates become strings, undefined keys vanish). */
function toJson(value: unknown): TJsonValue | null {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value)) as TJsonValue;
}

/** Fills in defaults and normalises JSON fields, so the record hashes the same before and after storage. */
export function toAuditEventRecord(input: TAuditEventInput, defaults: { id: string; at: Date }): TAuditEventRecord {
  const at = new Date(input.at?.getTime() ?? defaults.at.getTime());
  return {
    id: input.id ?? defaults.id,
    at,
    actorId: input.actorId ?? null,
    actorEmail: input.actorEmail ?? null,
    actorRole: input.actorRole ?? null,
    action: input.action,
    outcome: input.outcome,
    sourceIp: input.sourceIp ?? null,
    caseId: input.caseId ?? null,
    patientPseudonym: input.patientPseudonym ?? null,
    studyPseudonym: input.studyPseudonym ?? null,
    modelName: input.modelName ?? null,
    modelVersion: input.modelVersion ?? null,
    modelSha256: input.modelSha256 ?? null,
    inputSha256: input.inputSha256 ?? null,
    method: input.method ?? null,
    parameters: toJson(input.parameters),
    scores: toJson(input.scores),
    verdict: input.verdict ?? null,
    details: toJson(input.details),
  };
}

/** The canonical JSON of an event's hashed fields (see canonicalJson and ARCHITECTURE.md, "Audit trail"). */
export function canonicalAuditEvent(record: TAuditEventRecord): string {
  const picked: Record<string, unknown> = {};
  for (const field of AUDIT_HASHED_FIELDS) picked[field] = record[field] ?? null;
  // null fields are kept (as null), so adding a value where there was none changes the hash.
  return canonicalJson(Object.fromEntries(Object.entries(picked).map(([k, v]) => [k, v ?? null])));
}

/** hash = lowercase hex SHA-256 of the UTF-8 bytes of (prevHash ‖ canonical JSON of the event). */
export function hashAuditEvent(prevHash: string, record: TAuditEventRecord): string {
  return createHash('sha256').update(prevHash, 'utf8').update(canonicalAuditEvent(record), 'utf8').digest('hex');
}
