import type { PrismaClient } from '../generated/prisma/client';
import { GENESIS_HASH, hashAuditEvent, type TAuditEventRecord, type TJsonValue } from './audit-event-record';

export type TAuditChainVerification = {
  valid: boolean;
  /** Number of events read. */
  length: number;
  /** Hash of the last event (the value to publish or notarise); 64 zeros when the trail is empty. */
  head: string;
  /** 0-based position (in `seq` order) of the first event whose link or hash does not check out. */
  firstBadIndex?: number;
  /** That event's seq and what is wrong with it. */
  firstBadSeq?: string;
  reason?: string;
};

const BATCH = 1_000;

/**
 * Recomputes the chain from the first event: each event's `prevHash` must equal the previous event's `hash` (64 zeros
 * for the first) and its `hash` must equal SHA-256(prevHash ‖ canonical JSON of its fields). Reads in batches.
 */
export async function verifyAuditChain(prisma: PrismaClient): Promise<TAuditChainVerification> {
  let expectedPrev = GENESIS_HASH;
  let index = 0;
  let after: bigint | undefined;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({
      ...(after === undefined ? {} : { where: { seq: { gt: after } } }),
      orderBy: { seq: 'asc' },
      take: BATCH,
    });
    for (const row of rows) {
      const record: TAuditEventRecord = {
        ...row,
        parameters: row.parameters as TJsonValue | null,
        scores: row.scores as TJsonValue | null,
        details: row.details as TJsonValue | null,
      };
      const bad =
        row.prevHash !== expectedPrev
          ? `prevHash does not match the hash of the event before it`
          : hashAuditEvent(row.prevHash, record) !== row.hash
            ? 'hash does not match the event’s contents'
            : undefined;
      if (bad) {
        return {
          valid: false,
          length: await prisma.auditEvent.count(),
          head: await headHash(prisma),
          firstBadIndex: index,
          firstBadSeq: row.seq.toString(),
          reason: bad,
        };
      }
      expectedPrev = row.hash;
      index += 1;
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.seq;
  }
  return { valid: true, length: index, head: expectedPrev };
}

async function headHash(prisma: PrismaClient): Promise<string> {
  const last = await prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  return last?.hash ?? GENESIS_HASH;
}
