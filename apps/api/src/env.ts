import { z } from 'zod';
import { DEFAULT_APP_SETTINGS, type TAppSettings } from './app-settings';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be whole ${what}`)
    .min(1, `must be at least 1`);

export const ZApiEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    API_PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole port number')
      .min(0, 'must be a port number from 0 to 65535')
      .max(65_535, 'must be a port number from 0 to 65535')
      .default(3001),
    API_HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgresql:// URL' })
      .default('postgresql://postgres@127.0.0.1:5432/test'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })
      .default('redis://127.0.0.1:6379'),
    /** Redis key prefix of the queues; must match the worker's. */
    QUEUE_PREFIX: z
      .string()
      .min(1)
      .regex(/^[^:]+$/, 'must not contain ":"')
      .default('lightbox'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Send cookies only over HTTPS; defaults to true in production. */
    COOKIE_SECURE: flag.optional(),
    SESSION_TTL_HOURS: positiveInt('a number of hours')
      .max(24 * 30)
      .default(DEFAULT_APP_SETTINGS.sessionTtlHours),
    LOGIN_MAX_FAILURES: positiveInt('a number of attempts').max(100).default(DEFAULT_APP_SETTINGS.loginMaxFailures),
    LOGIN_LOCK_MINUTES: positiveInt('a number of minutes')
      .max(24 * 60)
      .default(DEFAULT_APP_SETTINGS.loginLockMinutes),
    LOGIN_RATE_LIMIT_PER_MINUTE: positiveInt('a number of attempts')
      .max(10_000)
      .default(DEFAULT_APP_SETTINGS.loginRateLimitPerMinute),
    /** Key of the HMAC behind patient and study pseudonyms: keep it secret and stable, or pseudonyms change. */
    PSEUDONYM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    KEEP_ORIGINAL_DICOM: flag.default(false),
    CASE_MAX_BYTES: positiveInt('a number of bytes').default(DEFAULT_APP_SETTINGS.caseMaxBytes),
    MODEL_MAX_BYTES: positiveInt('a number of bytes').default(DEFAULT_APP_SETTINGS.modelMaxBytes),
    IMAGE_MAX_PIXELS: positiveInt('a number of pixels').default(DEFAULT_APP_SETTINGS.imageMaxPixels),
    MODEL_VALIDATION_TIMEOUT_MS: positiveInt('a number of milliseconds').default(
      DEFAULT_APP_SETTINGS.modelValidationTimeoutMs,
    ),
    CPU_POOL_SIZE: positiveInt('a number of processes').max(16).default(DEFAULT_APP_SETTINGS.cpuPoolSize),
    /**
     * Which peers' X-Forwarded-For to believe for the audited source IP, in proxy-addr syntax (comma-separated
     * addresses, CIDRs or loopback / linklocal / uniquelocal). Default loopback: the web app on the same machine.
     */
    API_TRUST_PROXY: z
      .string()
      .regex(/^[\w.:/, -]+$/, 'must be addresses, CIDR ranges or loopback / linklocal / uniquelocal, comma-separated')
      .default('loopback'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.PSEUDONYM_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['PSEUDONYM_SECRET'],
        message: 'is required in production (at least 32 random characters)',
      });
    }
  });
export type TApiEnv = z.infer<typeof ZApiEnv>;

/** Parses the environment; on failure, the list of every bad variable with what is expected of it. */
export function parseApiEnv(
  source: Record<string, string | undefined>,
): { ok: true; env: TApiEnv } | { ok: false; problems: string[] } {
  const result = ZApiEnv.safeParse(source);
  if (result.success) return { ok: true, env: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
  };
}

/** The behaviour settings the environment asks for. */
export function settingsFromEnv(env: TApiEnv): TAppSettings {
  return {
    cookieSecure: env.COOKIE_SECURE ?? env.NODE_ENV === 'production',
    sessionTtlHours: env.SESSION_TTL_HOURS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    loginLockMinutes: env.LOGIN_LOCK_MINUTES,
    loginRateLimitPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE,
    pseudonymSecret: env.PSEUDONYM_SECRET ?? DEFAULT_APP_SETTINGS.pseudonymSecret,
    keepOriginalDicom: env.KEEP_ORIGINAL_DICOM,
    caseMaxBytes: env.CASE_MAX_BYTES,
    modelMaxBytes: env.MODEL_MAX_BYTES,
    imageMaxPixels: env.IMAGE_MAX_PIXELS,
    modelValidationTimeoutMs: env.MODEL_VALIDATION_TIMEOUT_MS,
    cpuPoolSize: env.CPU_POOL_SIZE,
  };
}

/** Reads process.env once at start-up; prints every bad variable and exits 1 when any is wrong. */
export function loadApiEnv(): TApiEnv {
  const parsed = parseApiEnv(process.env);
  if (parsed.ok) return parsed.env;
  console.error(`The API cannot start: ${parsed.problems.length} environment variable(s) are invalid:`);
  for (const problem of parsed.problems) console.error(`  ${problem}`);
  process.exit(1);
}
