import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '../client';
import { parseDatabaseUrl } from '../database-url';
import type { PrismaClient } from '../generated/prisma/client';
import { createTestDatabase, type TTestDatabase } from '../testing/create-test-database';
import { appendAuditEvent, recordAuditEvent } from './append-audit-event';
import { GENESIS_HASH, hashAuditEvent, toAuditEventRecord } from './audit-event-record';
import { verifyAuditChain } from './verify-audit-chain';

let db: TTestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient({ url: db.url, maxConnections: 8 });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('the audit hash chain', () => {
  it('starts from 64 zeros and verifies when empty', async () => {
    expect(await verifyAuditChain(prisma)).toEqual({ valid: true, length: 0, head: GENESIS_HASH });
  });

  it('chains each event to the previous one with SHA-256(prevHash ‖ canonical JSON)', async () => {
    const first = await recordAuditEvent(prisma, {
      action: 'auth.login',
      outcome: 'success',
      actorEmail: 'ada@example.org',
      details: { ip: '10.0.0.1', nested: { b: 2, a: 1 } },
    });
    const second = await recordAuditEvent(prisma, { action: 'case.read', outcome: 'success', scores: [0.25, 0.75] });

    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    const record = toAuditEventRecord({ ...first }, { id: first.id, at: first.at });
    expect(hashAuditEvent(GENESIS_HASH, record)).toBe(first.hash);
    expect(await verifyAuditChain(prisma)).toEqual({ valid: true, length: 2, head: second.hash });
  });

  it('commits the event with the caller’s transaction, or not at all', async () => {
    const before = await prisma.auditEvent.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, { action: 'user.create', outcome: 'success' });
        throw new Error('the change being recorded failed');
      }),
    ).rejects.toThrow('the change being recorded failed');
    expect(await prisma.auditEvent.count()).toBe(before);
  });

  it('never forks under 20 concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordAuditEvent(prisma, { action: 'case.read', outcome: 'success', details: { i } }),
      ),
    );
    const result = await verifyAuditChain(prisma);
    expect(result.valid).toBe(true);
    expect(result.length).toBe(22);
  });

  it('reports the first tampered event by its index', async () => {
    const client = new pg.Client({ connectionString: parseDatabaseUrl(db.url).connectionString });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${db.schema}"`);
      await client.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
      await client.query(
        `UPDATE "AuditEvent" SET outcome = 'failure' WHERE seq = (SELECT seq FROM "AuditEvent" ORDER BY seq OFFSET 5 LIMIT 1)`,
      );
      await client.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
    } finally {
      await client.end();
    }

    const result = await verifyAuditChain(prisma);

    expect(result).toMatchObject({ valid: false, length: 22, firstBadIndex: 5 });
    expect(result.reason).toMatch(/hash does not match/);
  });
});
