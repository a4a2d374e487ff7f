import { LightboxError } from '@lightbox/contracts';
import type { MethodContext } from './attribution-method';
import { oneHot } from './attribution-method';

export interface LayerGradients {
  /** Activation A, [C, h, w] (batch 1). */
  readonly a: Float32Array;
  /** ∂f_c/∂A, [C, h, w]. */
  readonly g: Float32Array;
  readonly c: number;
  readonly h: number;
  readonly w: number;
  /** The logits at the input, from the same run. */
  readonly logits: Float32Array;
}

/** The CAM layer's activation and the gradient of the target logit w.r.t. it, for the one input image. */
export async function layerGradients(ctx: MethodContext): Promise<LayerGradients> {
  if (!ctx.layer)
    throw new LightboxError(
      'INVALID_ARGUMENT',
      "This method needs a layer (--layer, the card's targetLayer, or an automatic choice).",
    );
  const session = await ctx.sessions.get({ inputGradients: false, layer: ctx.layer });
  const r = await session.run([ctx.input], [oneHot(ctx.classifier.card.labels.length, ctx.target)], ctx.signal);
  ctx.onProgress?.(1);
  const [c, h, w] = r.activationDims as [number, number, number];
  return { a: r.activations![0]!, g: r.activationGradients![0]!, c, h, w, logits: r.logits[0]! };
}

/** ReLU(Σ_c weights[c] · A_c), [h, w]. */
export function weightedSum(a: Float32Array, weights: ArrayLike<number>, c: number, hw: number): Float32Array {
  const out = new Float32Array(hw);
  for (let k = 0; k < c; k++) {
    const wk = weights[k]!;
    if (wk === 0) continue;
    for (let i = 0; i < hw; i++) out[i]! += wk * a[k * hw + i]!;
  }
  for (let i = 0; i < hw; i++) if (out[i]! < 0) out[i] = 0;
  return out;
}
