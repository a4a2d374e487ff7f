/**
 * `npm run db:migrate -w @lightbox/db`: applies pending migrations to DATABASE_URL (a `?schema=` parameter selects
 * the schema). Prints what it did; exits 1 with the reason on failure.
 */
import { LightboxError } from '@lightbox/contracts';
import { migrate } from './migrate';

const url = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

try {
  const result = await migrate({ url, log: (line) => console.log(line) });
  console.log(
    `migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied (schema "${result.schema}")`,
  );
} catch (error) {
  console.error(LightboxError.is(error) ? `migration failed: ${error.message}` : error);
  process.exitCode = 1;
}
