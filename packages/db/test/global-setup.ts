import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: generates the Prisma client (git-ignored) before any test imports @lightbox/db.
 * Fast when nothing changed: the script skips generation when the schema and Prisma's version are the same.
 */
export default function setup(): void {
  const script = fileURLToPath(new URL('../../../scripts/prisma-generate.sh', import.meta.url));
  execFileSync('sh', [script], { stdio: 'inherit' });
}
