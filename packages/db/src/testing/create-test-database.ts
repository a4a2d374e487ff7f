import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseDatabaseUrl, quoteIdentifier } from '../database-url';
import { migrate } from '../migrate';

export type TTestDatabase = {
  /** The base URL with `?schema=<schema>`: hand it to createPrismaClient, buildApp… */
  url: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop: () => Promise<void>;
};

/** The server tests use: TEST_DATABASE_URL, else DATABASE_URL, else the local one. */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * A fresh schema `test_<random>` for one test file, migrated unless `migrate: false`. Always call `drop()` in
 * afterAll. Uses a real PostgreSQL: a missing server fails the test, it never skips it.
 */
export async function createTestDatabase(
  options: { baseUrl?: string; migrate?: boolean } = {},
): Promise<TTestDatabase> {
  const base = parseDatabaseUrl(options.baseUrl ?? TEST_DATABASE_URL);
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const url = new URL(base.connectionString);
  url.searchParams.set('schema', schema);
  if (options.migrate !== false) {
    await migrate({ url: url.toString() });
  } else {
    await withClient(base.connectionString, (client) => client.query(`CREATE SCHEMA ${quoteIdentifier(schema)}`));
  }
  return {
    url: url.toString(),
    schema,
    drop: () =>
      withClient(base.connectionString, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`),
      ),
  };
}

async function withClient(connectionString: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
