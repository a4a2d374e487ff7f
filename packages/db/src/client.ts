import { PrismaPg } from '@prisma/adapter-pg';
import { assertSchemaName, parseDatabaseUrl, quoteIdentifier } from './database-url';
import { PrismaClient } from './generated/prisma/client';

export type TCreatePrismaClientOptions = {
  /** A postgresql:// URL; a `?schema=name` parameter selects the Postgres schema. */
  url: string;
  /** Overrides the URL's `schema` parameter. */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  maxConnections?: number;
};

/**
 * A Prisma client over `pg` for the given database. With a schema, both Prisma's queries (qualified names) and raw
 * queries (`search_path`) go to that schema, which is how tests isolate themselves. Call `$disconnect()` when done.
 */
export function createPrismaClient(options: TCreatePrismaClientOptions): PrismaClient {
  const target = parseDatabaseUrl(options.url);
  const schema = options.schema ?? target.schema;
  if (schema !== undefined) assertSchemaName(schema);
  const adapter = new PrismaPg(
    {
      connectionString: target.connectionString,
      max: options.maxConnections ?? 10,
      ...(schema === undefined ? {} : { options: `-c search_path=${quoteIdentifier(schema)}` }),
    },
    schema === undefined ? undefined : { schema },
  );
  return new PrismaClient({ adapter });
}
