import type { TProcessor } from './processor';

/**
 * The processors the worker runs, one per queue. Empty until the attribution engine lands: the explain processor
 * (queue QUEUE_NAMES.explain, payload ZExplainJobPayload from @lightbox/contracts) will be registered here.
 */
export const PROCESSORS: readonly TProcessor[] = [];
