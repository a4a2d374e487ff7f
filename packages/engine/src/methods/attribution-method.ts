import type { z } from 'zod';
import type { Classifier } from '../model/classifier';
import type { GradientSessions } from './gradient-sessions';

/** What every attribution method gets: one preprocessed image, a resolved target and its parameters. */
export interface MethodContext {
  readonly classifier: Classifier;
  /** The preprocessed model input, float32 [C, H, W]. */
  readonly input: Float32Array;
  readonly target: number;
  /** The CAM layer, resolved (flag, card, or automatic); undefined for input-space methods. */
  readonly layer: string | undefined;
  /** Sessions with backward graphs, created on first use and cached per model. */
  readonly sessions: GradientSessions;
  /** A preprocessed baseline image, when the caller gave one (integrated gradients `--baseline <image>`). */
  readonly baselineInput?: Float32Array;
  readonly signal?: AbortSignal;
  /** Fraction done in [0, 1], called between batches. */
  readonly onProgress?: (fraction: number) => void;
}

/** A method's own output, before any upsampling, normalisation or colouring. */
export interface AttributionResult {
  /** CAM methods: [h, w] at the layer's resolution. Input-space methods: [C, H, W] in model-input space. */
  readonly map: Float32Array;
  readonly shape: readonly number[];
  /** Everything the method used, defaults included, so a result can be reproduced. */
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly warnings: readonly string[];
  /** Method-specific numbers, e.g. completenessGap for integrated gradients. */
  readonly extras: Readonly<Record<string, number>>;
  /** The model's logits at the unmodified input, when the method computed them anyway (saves a forward pass). */
  readonly logits?: Float32Array;
}

export interface AttributionMethod<P extends Record<string, unknown> = Record<string, unknown>> {
  readonly id: string;
  readonly title: string;
  /** 'cam': a map at a layer's resolution; 'input': a map in model-input space. */
  readonly kind: 'cam' | 'input';
  readonly citation: string;
  /** zod schema of the parameters, with defaults. */
  readonly schema: z.ZodType<P>;
  /** Set for methods known to fail the model-randomisation sanity check. */
  readonly sanityWarning?: string;
  /** Layer needed (CAM family and guided Grad-CAM). */
  readonly needsLayer: boolean;
  run(ctx: MethodContext, params: P): Promise<AttributionResult>;
}

/** Adebayo et al. 2018: maps that barely change when the model's weights are randomised explain the image, not the model. */
export const SANITY_CHECK_WARNING =
  'fails the model-randomisation sanity check (Adebayo et al. 2018, "Sanity Checks for Saliency Maps"): the map changes little when the model weights are randomised, so it mostly shows image edges, not what the model used';

export function oneHot(k: number, target: number, value = 1): Float32Array {
  const s = new Float32Array(k);
  s[target] = value;
  return s;
}
