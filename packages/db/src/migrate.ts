import { randomUUID } from 'node:crypto';
import { LightboxError } from '@lightbox/contracts';
import pg from 'pg';
import { assertSchemaName, parseDatabaseUrl, quoteIdentifier } from './database-url';
import { readMigrations } from './read-migrations';

/**
 * The advisory lock key `prisma migrate deploy` takes on PostgreSQL, so this runner and Prisma never migrate the
 * same database at the same time.
 */
export const MIGRATION_LOCK_KEY = 72707369;

/** Prisma's own definition of its bookkeeping table (schema-engine, PostgreSQL flavour). */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

export type TMigrateOptions = {
  /** A postgresql:// URL; a `?schema=name` parameter selects the Postgres schema (created if missing). */
  url: string;
  /** Overrides the URL's `schema` parameter. */
  schema?: string;
  /** Defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  /** Called with one line per step (applied, skipped, warnings). */
  log?: (line: string) => void;
};

export type TMigrateResult = {
  /** The schema migrated (`public` when none was given). */
  schema: string;
  /** Migrations applied by this run, in order. */
  applied: string[];
  /** Migrations found already applied. */
  alreadyApplied: string[];
  /** Applied migrations the folder does not have (the database is newer than this code). */
  unknown: string[];
};

type TMigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
};

/**
 * Applies the pending migrations, offline, with the same bookkeeping as `prisma migrate deploy`: one row per
 * migration in `_prisma_migrations` with the sha256 of its file as checksum. Each migration and its row commit in
 * one transaction, so a failure leaves the database as it was (the attempt is kept as a rolled-back row, which
 * blocks neither this runner nor Prisma). Refuses to run when an applied migration's file has changed or when a
 * failed migration is recorded without having been resolved.
 */
export async function migrate(options: TMigrateOptions): Promise<TMigrateResult> {
  const target = parseDatabaseUrl(options.url);
  const schema = options.schema ?? target.schema ?? 'public';
  assertSchemaName(schema);
  const log = options.log ?? (() => {});
  const migrations = await readMigrations(options.migrationsDir);

  const client = new pg.Client({ connectionString: target.connectionString });
  try {
    await client.connect();
  } catch (cause) {
    throw new LightboxError('UNAVAILABLE', `Cannot connect to PostgreSQL to migrate: ${errorMessage(cause)}`, {
      cause,
    });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
      await client.query(`SET search_path TO ${quoteIdentifier(schema)}`);
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<TMigrationRow>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
      );

      const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
      if (failed) {
        throw new LightboxError(
          'CONFLICT',
          `Migration ${failed.migration_name} failed earlier and is still marked as failed in schema "${schema}": fix the database, then mark it with \`prisma migrate resolve\``,
        );
      }
      const done = new Map(
        rows
          .filter((row) => row.finished_at !== null && row.rolled_back_at === null)
          .map((row) => [row.migration_name, row]),
      );
      const names = new Set(migrations.map((migration) => migration.name));
      const unknown = [...done.keys()].filter((name) => !names.has(name));
      for (const name of unknown)
        log(`warning: migration ${name} is applied in schema "${schema}" but missing from the migrations folder`);

      const result: TMigrateResult = { schema, applied: [], alreadyApplied: [], unknown };
      for (const migration of migrations) {
        const row = done.get(migration.name);
        if (row) {
          if (row.checksum !== migration.checksum) {
            throw new LightboxError(
              'CONFLICT',
              `Migration ${migration.name} was changed after it was applied to schema "${schema}" (checksum ${row.checksum} in the database, ${migration.checksum} on disk): restore the file and put the change in a new migration`,
            );
          }
          result.alreadyApplied.push(migration.name);
          continue;
        }
        await applyOne(client, migration, schema);
        log(`applied ${migration.name}`);
        result.applied.push(migration.name);
      }
      if (result.applied.length === 0)
        log(`schema "${schema}" is up to date (${result.alreadyApplied.length} migration(s))`);
      return result;
    } finally {
      // If the connection broke, the lock went with the session; do not hide the original error.
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(
  client: pg.Client,
  migration: { name: string; sql: string; checksum: string },
  schema: string,
): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
      [id, migration.checksum, migration.name],
    );
    // A query without parameters uses the simple protocol, which runs a multi-statement script as Prisma does.
    await client.query(migration.sql);
    await client.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (cause) {
    const message = errorMessage(cause);
    await client.query('ROLLBACK');
    await client.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at, rolled_back_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), now(), 0)',
      [id, migration.checksum, migration.name, message],
    );
    throw new LightboxError(
      'INTERNAL',
      `Migration ${migration.name} failed in schema "${schema}" and was rolled back: ${message}`,
      { cause },
    );
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
