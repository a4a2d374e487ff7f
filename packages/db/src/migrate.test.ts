import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url';
import { migrate } from './migrate';
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from './read-migrations';
import { createTestDatabase, type TTestDatabase } from './testing/create-test-database';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function emptySchema(): Promise<TTestDatabase> {
  const db = await createTestDatabase({ migrate: false });
  cleanups.push(db.drop);
  return db;
}

async function query<T extends pg.QueryResultRow>(db: TTestDatabase, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: parseDatabaseUrl(db.url).connectionString });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${db.schema}"`);
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  it('applies every migration to an empty schema, in folder order', async () => {
    const db = await emptySchema();
    const names = (await readMigrations()).map((m) => m.name);
    expect(names.length).toBeGreaterThanOrEqual(2);

    const result = await migrate({ url: db.url });

    expect(result).toEqual({ schema: db.schema, applied: names, alreadyApplied: [], unknown: [] });
    const tables = await query<{ table_name: string }>(
      db,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = '${db.schema}' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual([
      'AttributionMap',
      'AuditEvent',
      'Blob',
      'Case',
      'Explanation',
      'Job',
      'ModelVersion',
      'Review',
      'Session',
      'User',
      '_prisma_migrations',
    ]);
  });

  it('is idempotent: a second run applies nothing and changes nothing', async () => {
    const db = await emptySchema();
    await migrate({ url: db.url });
    const before = await query(db, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

    const again = await migrate({ url: db.url });

    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual((await readMigrations()).map((m) => m.name));
    expect(await query(db, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name')).toEqual(before);
  });

  it('records each migration as prisma migrate deploy does, with the sha256 of the file as checksum', async () => {
    const db = await emptySchema();
    await migrate({ url: db.url });

    const rows = await query<{
      id: string;
      checksum: string;
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
      started_at: Date;
    }>(db, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

    const names = (await readMigrations()).map((m) => m.name);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const file = await readFile(join(DEFAULT_MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const columns = await query<{ column_name: string; data_type: string; character_maximum_length: number | null }>(
      db,
      `SELECT column_name, data_type, character_maximum_length FROM information_schema.columns
       WHERE table_schema = '${db.schema}' AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', character_maximum_length: 36 },
      { column_name: 'checksum', data_type: 'character varying', character_maximum_length: 64 },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', character_maximum_length: null },
      { column_name: 'migration_name', data_type: 'character varying', character_maximum_length: 255 },
      { column_name: 'logs', data_type: 'text', character_maximum_length: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', character_maximum_length: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', character_maximum_length: null },
      { column_name: 'applied_steps_count', data_type: 'integer', character_maximum_length: null },
    ]);
  });

  it('applies each migration once when two runners start together', async () => {
    const db = await emptySchema();

    const [a, b] = await Promise.all([migrate({ url: db.url }), migrate({ url: db.url })]);

    const names = (await readMigrations()).map((m) => m.name);
    expect([...a.applied, ...b.applied].sort()).toEqual(names);
    const rows = await query<{ n: string }>(db, 'SELECT count(*) AS n FROM "_prisma_migrations"');
    expect(Number(rows[0]?.n)).toBe(names.length);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = await emptySchema();
    await migrate({ url: db.url });
    await query(db, `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name LIKE '%_init'`);

    await expect(migrate({ url: db.url })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/_init was changed after it was applied/),
    });
  });

  it('rolls a failing migration back whole, keeps a rolled-back record, and applies it once fixed', async () => {
    const db = await emptySchema();
    const dir = await mkdtemp(join(tmpdir(), 'lightbox-migrations-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const broken = join(dir, '99999999999999_broken');
    await mkdir(broken);
    await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT 1 / 0;\n');

    await expect(migrate({ url: db.url, migrationsDir: dir })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/Migration 99999999999999_broken failed .* rolled back: division by zero/),
    });
    const half = await query(
      db,
      `SELECT 1 FROM information_schema.tables WHERE table_schema = '${db.schema}' AND table_name = 'Half'`,
    );
    expect(half).toEqual([]);
    const record = await query<{ rolled_back_at: Date | null; finished_at: Date | null; logs: string }>(
      db,
      `SELECT rolled_back_at, finished_at, logs FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
    );
    expect(record).toHaveLength(1);
    expect(record[0]?.rolled_back_at).toBeInstanceOf(Date);
    expect(record[0]?.finished_at).toBeNull();
    expect(record[0]?.logs).toMatch(/division by zero/);

    await writeFile(join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\n');
    const fixed = await migrate({ url: db.url, migrationsDir: dir });
    expect(fixed.applied).toEqual(['99999999999999_broken']);
  });

  it('reports applied migrations that the folder does not have', async () => {
    const db = await emptySchema();
    await migrate({ url: db.url });
    await query(
      db,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', repeat('a', 64), '99999999999999_from_the_future', now(), 1)`,
    );
    const lines: string[] = [];

    const result = await migrate({ url: db.url, log: (line) => lines.push(line) });

    expect(result.unknown).toEqual(['99999999999999_from_the_future']);
    expect(lines.join('\n')).toMatch(
      /99999999999999_from_the_future is applied .* but missing from the migrations folder/,
    );
  });

  it('names the folder when it cannot be read', async () => {
    const db = await emptySchema();
    await expect(migrate({ url: db.url, migrationsDir: '/nonexistent/migrations' })).rejects.toThrow(
      /Cannot read the migrations folder \/nonexistent\/migrations/,
    );
  });
});
