/** A small JSON-lines logger with pino's level names, so worker and API logs read alike. */
const LEVELS = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Number.POSITIVE_INFINITY,
} as const;
export type TLogLevel = keyof typeof LEVELS;
export type TLogger = Record<Exclude<TLogLevel, 'silent'>, (message: string, fields?: Record<string, unknown>) => void>;

export function createLogger(
  level: TLogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): TLogger {
  const threshold = LEVELS[level];
  const at =
    (name: Exclude<TLogLevel, 'silent'>) =>
    (message: string, fields: Record<string, unknown> = {}): void => {
      if (LEVELS[name] < threshold) return;
      write(JSON.stringify({ level: LEVELS[name], time: Date.now(), service: 'worker', msg: message, ...fields }));
    };
  return {
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fatal: at('fatal'),
  };
}
