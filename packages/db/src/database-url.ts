import { LightboxError } from '@lightbox/contracts';

/** Where to connect, and which Postgres schema to work in (undefined: the server's search_path, usually public). */
export type TDatabaseTarget = {
  /** The connection string without the `schema` parameter, which only Prisma understands. */
  connectionString: string;
  schema: string | undefined;
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Splits a Prisma-style database URL (`postgresql://…/db?schema=name`) into what `pg` accepts and the schema name.
 * The URL is never echoed back in errors: it may hold a password.
 */
export function parseDatabaseUrl(url: string): TDatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      'The database URL is not a valid URL: expected postgresql://user@host:port/database',
    );
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `The database URL must start with postgresql:// (got ${parsed.protocol}//); Lightbox only runs on PostgreSQL`,
    );
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema !== undefined) assertSchemaName(schema);
  return { connectionString: parsed.toString(), schema };
}

/** Schema names are restricted to letters, digits and underscores so they can be quoted without escaping. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `Schema name "${schema}" is not allowed: use letters, digits and underscores, starting with a letter or underscore, at most 63 characters`,
    );
  }
}

/** A double-quoted identifier; only call with names that passed assertSchemaName. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
