import type { TAuditEvent, TAuditFilter } from '@lightbox/contracts';
import type { AuditEvent, Prisma } from '@lightbox/db';

export function toAuditDto(row: AuditEvent): TAuditEvent {
  return {
    ...row,
    seq: row.seq.toString(),
    at: row.at.toISOString(),
    parameters: row.parameters ?? null,
    scores: row.scores ?? null,
    details: row.details ?? null,
  };
}

export function auditWhere(filter: TAuditFilter): Prisma.AuditEventWhereInput {
  return {
    ...(filter.from || filter.to
      ? {
          at: {
            ...(filter.from ? { gte: new Date(filter.from) } : {}),
            ...(filter.to ? { lt: new Date(filter.to) } : {}),
          },
        }
      : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.actorEmail ? { actorEmail: filter.actorEmail.toLowerCase() } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.caseId ? { caseId: filter.caseId } : {}),
    ...(filter.modelName ? { modelName: filter.modelName } : {}),
    ...(filter.modelVersion ? { modelVersion: filter.modelVersion } : {}),
  };
}

const CSV_COLUMNS = [
  'seq',
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
  'prevHash',
  'hash',
] as const satisfies ReadonlyArray<keyof TAuditEvent>;

/** RFC 4180 field: quoted when needed; a leading =, +, - or @ is prefixed with ' so spreadsheets never run it. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditEventsToCsv(events: readonly TAuditEvent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const event of events) lines.push(CSV_COLUMNS.map((column) => csvField(event[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ACTION_SYSTEM = 'urn:lightbox:audit-action';

function fhirAction(action: string): 'C' | 'R' | 'U' | 'D' | 'E' {
  if (action.startsWith('auth.')) return 'E';
  if (/\.(read|list|export|verify)$/.test(action)) return 'R';
  if (/\.(update|role_change|cancel)$/.test(action)) return 'U';
  if (/\.delete$/.test(action)) return 'D';
  return 'C';
}

const FHIR_OUTCOME = { success: '0', failure: '4', denied: '8' } as const;

/** One event as a FHIR R4 AuditEvent resource (http://hl7.org/fhir/R4/auditevent.html). */
export function toFhirAuditEvent(event: TAuditEvent): Record<string, unknown> {
  const entity: Record<string, unknown>[] = [];
  if (event.caseId) {
    entity.push({
      what: { identifier: { system: 'urn:lightbox:case', value: event.caseId } },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      ...(event.inputSha256 ? { detail: [{ type: 'inputSha256', valueString: event.inputSha256 }] } : {}),
    });
  }
  if (event.patientPseudonym) {
    entity.push({
      what: { identifier: { system: 'urn:lightbox:patient-pseudonym', value: event.patientPseudonym } },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
  }
  if (event.modelName) {
    entity.push({
      what: {
        identifier: { system: 'urn:lightbox:model', value: `${event.modelName}@${event.modelVersion ?? ''}` },
      },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      ...(event.modelSha256 ? { detail: [{ type: 'modelSha256', valueString: event.modelSha256 }] } : {}),
    });
  }
  const facts: { type: string; valueString: string }[] = [
    { type: 'seq', valueString: event.seq },
    { type: 'prevHash', valueString: event.prevHash },
    { type: 'hash', valueString: event.hash },
  ];
  for (const key of ['method', 'verdict'] as const) {
    if (event[key]) facts.push({ type: key, valueString: String(event[key]) });
  }
  for (const key of ['parameters', 'scores', 'details'] as const) {
    if (event[key] !== null && event[key] !== undefined)
      facts.push({ type: key, valueString: JSON.stringify(event[key]) });
  }
  entity.push({ what: { identifier: { system: 'urn:lightbox:audit-event', value: event.id } }, detail: facts });
  return {
    resourceType: 'AuditEvent',
    id: event.id,
    type: event.action.startsWith('auth.')
      ? { system: DCM, code: '110114', display: 'User Authentication' }
      : {
          system: 'http://terminology.hl7.org/CodeSystem/audit-event-type',
          code: 'rest',
          display: 'RESTful Operation',
        },
    subtype: [{ system: ACTION_SYSTEM, code: event.action }],
    action: fhirAction(event.action),
    recorded: event.at,
    outcome: FHIR_OUTCOME[event.outcome],
    ...(event.outcome === 'success' ? {} : { outcomeDesc: event.outcome }),
    agent: [
      {
        who: event.actorId
          ? {
              identifier: { system: 'urn:lightbox:user', value: event.actorId },
              display: event.actorEmail ?? undefined,
            }
          : { display: event.actorEmail ?? 'anonymous' },
        ...(event.actorRole ? { role: [{ coding: [{ system: 'urn:lightbox:role', code: event.actorRole }] }] } : {}),
        requestor: true,
        ...(event.sourceIp ? { network: { address: event.sourceIp, type: '2' } } : {}),
      },
    ],
    source: {
      observer: { display: 'Lightbox' },
      type: [
        {
          system: 'http://terminology.hl7.org/CodeSystem/security-source-type',
          code: '4',
          display: 'Application Server',
        },
      ],
    },
    entity,
  };
}

/** A FHIR R4 Bundle (type collection) of AuditEvent resources. */
export function auditEventsToFhirBundle(events: readonly TAuditEvent[]): Record<string, unknown> {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: new Date().toISOString(),
    entry: events.map((event) => ({ fullUrl: `urn:uuid:${event.id}`, resource: toFhirAuditEvent(event) })),
  };
}
