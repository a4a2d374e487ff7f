import { LightboxError } from '@lightbox/contracts';
import * as ort from 'onnxruntime-node';

/** How onnxruntime runs: threads and execution provider. The CLI, API and worker read these from their config. */
export interface RuntimeOptions {
  /** Threads inside one op (0 or undefined: onnxruntime's default, one per core). */
  readonly intraOpThreads?: number;
  /** 'cuda' needs an onnxruntime-node build with the CUDA provider and a GPU; CPU stays as the fallback. */
  readonly executionProvider?: 'cpu' | 'cuda';
  /** Let idle onnxruntime threads spin-wait (default false: see sessionOptions). */
  readonly spinning?: boolean;
}

export function sessionOptions(o: RuntimeOptions = {}): ort.InferenceSession.SessionOptions {
  return {
    executionProviders: o.executionProvider === 'cuda' ? ['cuda', 'cpu'] : ['cpu'],
    graphOptimizationLevel: 'all',
    ...(o.intraOpThreads ? { intraOpNumThreads: o.intraOpThreads } : {}),
    logSeverityLevel: 3,
    // Idle intra-op threads sleep instead of spinning: one model has several sessions (inference, gradient
    // sessions per layer) run one after another, and on a small machine the previous session's spinning
    // threads would take the cores from the next one (Grad-CAM measured 3× slower with spinning).
    ...(o.spinning
      ? {}
      : { extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } } }),
  };
}

/** Creates an onnxruntime session; a model onnxruntime cannot load is an INVALID_MODEL error, not a crash. */
export async function createSession(bytes: Uint8Array, o: RuntimeOptions = {}): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(bytes, sessionOptions(o));
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new LightboxError('INVALID_MODEL', `onnxruntime cannot load the model: ${msg}`, { cause: e });
  }
}
