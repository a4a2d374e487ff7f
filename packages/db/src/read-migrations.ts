import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LightboxError } from '@lightbox/contracts';

/** The repository's migrations folder, prisma/migrations at the root. */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));

export type TMigrationFile = {
  /** The folder name, `<timestamp>_<name>`, as recorded in `_prisma_migrations.migration_name`. */
  name: string;
  sql: string;
  /** sha256 of the file's bytes in lowercase hex: the checksum `prisma migrate deploy` records. */
  checksum: string;
};

/** Every `<dir>/<folder>/migration.sql`, sorted by folder name (the order Prisma applies them in). */
export async function readMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<TMigrationFile[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `Cannot read the migrations folder ${dir}: it must exist and hold one folder per migration`,
      { cause },
    );
  }
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrations: TMigrationFile[] = [];
  for (const name of folders) {
    const path = join(dir, name, 'migration.sql');
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (cause) {
      throw new LightboxError('INVALID_ARGUMENT', `Migration folder ${name} has no readable migration.sql (${path})`, {
        cause,
      });
    }
    migrations.push({ name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') });
  }
  return migrations;
}
