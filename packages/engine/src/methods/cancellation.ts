import { LightboxError } from '@lightbox/contracts';

/** Stops long work between batches when the caller cancelled (a job's DELETE, Ctrl-C). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LightboxError('CANCELLED', 'The explanation was cancelled.');
}
