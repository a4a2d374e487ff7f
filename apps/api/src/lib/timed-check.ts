export type TCheckResult<T> =
  | { ok: true; latencyMs: number; value: T }
  | { ok: false; latencyMs: number; error: Error };

/** Runs a dependency check with a deadline; never throws. */
export async function timedCheck<T>(check: () => Promise<T>, timeoutMs: number): Promise<TCheckResult<T>> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, latencyMs: elapsed(), value };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(), error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    clearTimeout(timer);
  }
}
