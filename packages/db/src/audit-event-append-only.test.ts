import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './database-url';
import { createTestDatabase, type TTestDatabase } from './testing/create-test-database';

let db: TTestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: parseDatabaseUrl(db.url).connectionString });
  await client.connect();
  await client.query(`SET search_path TO "${db.schema}"`);
  await client.query(
    `INSERT INTO "AuditEvent" (id, action, outcome, "prevHash", hash)
     VALUES (gen_random_uuid(), 'user.login', 'success', repeat('0', 64), repeat('a', 64))`,
  );
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('AuditEvent is append-only', () => {
  it('accepts inserts', async () => {
    await client.query(
      `INSERT INTO "AuditEvent" (id, action, outcome, "prevHash", hash)
       VALUES (gen_random_uuid(), 'case.view', 'denied', repeat('a', 64), repeat('b', 64))`,
    );
    const { rows } = await client.query<{ action: string }>('SELECT action FROM "AuditEvent" ORDER BY seq');
    expect(rows.map((r) => r.action)).toEqual(['user.login', 'case.view']);
  });

  it('rejects UPDATE', async () => {
    await expect(client.query(`UPDATE "AuditEvent" SET outcome = 'failure'`)).rejects.toThrow(
      'AuditEvent is append-only: UPDATE is not allowed',
    );
  });

  it('rejects DELETE, even of no row', async () => {
    await expect(client.query('DELETE FROM "AuditEvent"')).rejects.toThrow(
      'AuditEvent is append-only: DELETE is not allowed',
    );
    await expect(client.query('DELETE FROM "AuditEvent" WHERE false')).rejects.toThrow(/append-only/);
  });

  it('rejects TRUNCATE', async () => {
    await expect(client.query('TRUNCATE "AuditEvent"')).rejects.toThrow(
      'AuditEvent is append-only: TRUNCATE is not allowed',
    );
  });

  it('still holds every row afterwards, unchanged', async () => {
    const { rows } = await client.query<{ action: string; outcome: string }>(
      'SELECT action, outcome FROM "AuditEvent" ORDER BY seq',
    );
    expect(rows).toEqual([
      { action: 'user.login', outcome: 'success' },
      { action: 'case.view', outcome: 'denied' },
    ]);
  });

  it('forbids a fork in the chain: two events cannot follow the same one', async () => {
    await expect(
      client.query(
        `INSERT INTO "AuditEvent" (id, action, outcome, "prevHash", hash)
         VALUES (gen_random_uuid(), 'case.view', 'success', repeat('a', 64), repeat('c', 64))`,
      ),
    ).rejects.toThrow(/AuditEvent_prevHash_key/);
  });
});
