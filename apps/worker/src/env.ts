import { EXPLAIN_LOCK_DURATION_MS } from '@lightbox/contracts';
import { z } from 'zod';

export const ZWorkerEnv = z.object({
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' })
    .default('postgresql://postgres@127.0.0.1:5432/test'),
  WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a number of jobs' })
    .int('must be a whole number of jobs')
    .min(1, 'must be at least 1')
    .max(64, 'must be at most 64')
    .default(1),
  HEALTH_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole port number')
    .min(0, 'must be a port number from 0 to 65535')
    .max(65_535, 'must be a port number from 0 to 65535')
    .default(3002),
  HEALTH_HOST: z.string().min(1).default('0.0.0.0'),
  /** Redis key prefix of the queues; must match the API's. */
  QUEUE_PREFIX: z
    .string()
    .min(1)
    .regex(/^[^:]+$/, 'must not contain ":"')
    .default('lightbox'),
  /** How long a running job's lock lasts between renewals; a worker that dies loses its job after this long. */
  EXPLAIN_LOCK_DURATION_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(1_000)
    .default(EXPLAIN_LOCK_DURATION_MS),
  /** How often workers look for jobs whose worker died (stalled jobs) and put them back in the queue. */
  STALLED_INTERVAL_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(500).default(30_000),
  /** Model versions kept loaded (classifier and gradient sessions), least recently used evicted first. */
  MODEL_CACHE_SIZE: z.coerce.number({ error: 'must be a number of models' }).int().min(1).max(32).default(2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

/** Parses the environment; on failure, the list of every bad variable with what is expected of it. */
export function parseWorkerEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: TWorkerEnv } | { ok: false; problems: string[] } {
  const result = ZWorkerEnv.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
  };
}

/** Reads process.env once at start-up; prints every bad variable and exits 1 when any is wrong. */
export function loadWorkerEnv(): TWorkerEnv {
  const parsed = parseWorkerEnv(process.env);
  if (parsed.ok) return parsed.env;
  console.error(`The worker cannot start: ${parsed.problems.length} environment variable(s) are invalid:`);
  for (const problem of parsed.problems) console.error(`  ${problem}`);
  process.exit(1);
}
