import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from './client';
import { parseDatabaseUrl } from './database-url';
import type { PrismaClient } from './generated/prisma/client';
import { createTestDatabase, type TTestDatabase } from './testing/create-test-database';

let db: TTestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await createTestDatabase();
  prisma = createPrismaClient({ url: db.url, maxConnections: 2 });
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

describe('createPrismaClient', () => {
  it('round-trips a User', async () => {
    const lockedUntil = new Date('2026-11-25T12:34:56.789Z');
    const created = await prisma.user.create({
      data: { email: 'ada@example.org', passwordHash: '$argon2id$fake', role: 'radiologist', lockedUntil },
    });

    const read = await prisma.user.findUniqueOrThrow({ where: { email: 'ada@example.org' } });

    expect(read).toEqual(created);
    expect(read.role).toBe('radiologist');
    expect(read.failedLogins).toBe(0);
    expect(read.disabled).toBe(false);
    expect(read.lockedUntil?.toISOString()).toBe('2026-11-25T12:34:56.789Z');
    expect(read.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes into the schema named by the URL, and raw queries see the same schema', async () => {
    await prisma.user.create({ data: { email: 'grace@example.org', passwordHash: 'x', role: 'compliance' } });

    const client = new pg.Client({ connectionString: parseDatabaseUrl(db.url).connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ email: string }>(`SELECT email FROM "${db.schema}"."User" ORDER BY email`);
      expect(rows.map((r) => r.email)).toEqual(['ada@example.org', 'grace@example.org']);
    } finally {
      await client.end();
    }
    const raw = await prisma.$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM "User"`;
    expect(raw[0]?.n).toBe(2n);
  });

  it('enforces the unique email', async () => {
    await expect(
      prisma.user.create({ data: { email: 'ada@example.org', passwordHash: 'y', role: 'admin' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
