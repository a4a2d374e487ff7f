import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import {
  GENESIS_HASH,
  hashAuditEvent,
  type TAuditEventInput,
  type TAuditEventRecord,
  toAuditEventRecord,
} from './audit-event-record';

export type TAppendedAuditEvent = TAuditEventRecord & { seq: bigint; prevHash: string; hash: string };

/**
 * Appends one event to the audit chain inside the caller's transaction, so the event commits or rolls back with the
 * change it records. Appends are serialised by a transaction-level advisory lock (keyed by the schema, released at
 * commit or rollback): the writer that holds it reads the current head, hashes, inserts, and the next writer sees
 * the new head. The unique index on `prevHash` backs this up: a fork is impossible even for a writer that skips
 * the lock.
 */
export async function appendAuditEvent(
  tx: Prisma.TransactionClient,
  input: TAuditEventInput,
): Promise<TAppendedAuditEvent> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.AuditEvent'))`;
  const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = head?.hash ?? GENESIS_HASH;
  const record = toAuditEventRecord(input, { id: randomUUID(), at: new Date() });
  const hash = hashAuditEvent(prevHash, record);
  const { parameters, scores, details, ...plain } = record;
  const created = await tx.auditEvent.create({
    data: {
      ...plain,
      ...(parameters === null ? {} : { parameters: parameters as Prisma.InputJsonValue }),
      ...(scores === null ? {} : { scores: scores as Prisma.InputJsonValue }),
      ...(details === null ? {} : { details: details as Prisma.InputJsonValue }),
      prevHash,
      hash,
    },
    select: { seq: true },
  });
  return { ...record, seq: created.seq, prevHash, hash };
}

/** Appends one event in a transaction of its own (for events that accompany no other write: reads, refusals). */
export function recordAuditEvent(prisma: PrismaClient, input: TAuditEventInput): Promise<TAppendedAuditEvent> {
  return prisma.$transaction((tx) => appendAuditEvent(tx, input));
}
