import type { PrismaClient } from '@lightbox/db';
import { createExplainProcessor } from './explain/explain-processor';
import type { TProcessor } from './processor';

export type TProcessorDeps = {
  prisma: PrismaClient;
  modelCacheSize: number;
  lockDuration: number;
  stalledInterval: number;
};

/** The processors the worker runs, one per queue, with a `close` that releases what they hold (loaded models). */
export function createProcessors(deps: TProcessorDeps): {
  processors: readonly TProcessor[];
  close: () => Promise<void>;
} {
  const explain = createExplainProcessor(deps);
  return { processors: [explain.processor as TProcessor], close: explain.close };
}
