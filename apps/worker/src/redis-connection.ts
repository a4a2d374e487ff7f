import { Redis } from 'ioredis';

/**
 * The worker's Redis connection. Workers wait for Redis rather than fail: commands queue while it is away
 * (`maxRetriesPerRequest: null`, which BullMQ requires for workers) and reconnection backs off up to 5 s.
 */
export function createWorkerRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: 'lightbox-worker',
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
}

/** Round-trip time of a PING, or an error when Redis does not answer within `timeoutMs`. */
export async function pingRedis(redis: Redis, timeoutMs: number): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: answer === 'PONG', latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}
