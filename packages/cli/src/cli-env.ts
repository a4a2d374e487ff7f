import { LightboxError } from '@lightbox/contracts';
import type { RuntimeOptions } from '@lightbox/engine';
import { z } from 'zod';

const ZCliEnv = z.object({
  LIGHTBOX_THREADS: z.coerce.number().int().min(0).max(256).default(0),
  LIGHTBOX_EXECUTION_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  LIGHTBOX_MAX_PIXELS: z.coerce.number().int().positive().default(50_000_000),
});

export interface CliConfig {
  readonly runtime: RuntimeOptions;
  readonly maxPixels: number;
}

/** Reads the CLI's environment once; every bad variable is named. */
export function readCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  const parsed = ZCliEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new LightboxError('INVALID_ARGUMENT', `Bad environment variable(s): ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    runtime: { intraOpThreads: e.LIGHTBOX_THREADS, executionProvider: e.LIGHTBOX_EXECUTION_PROVIDER },
    maxPixels: e.LIGHTBOX_MAX_PIXELS,
  };
}
