import type { MethodContext } from './attribution-method';
import { oneHot } from './attribution-method';

/**
 * Gradients of the target logit w.r.t. the model input for several inputs (all of one image's variants:
 * noisy copies, interpolation steps), batched, with progress and cancellation between batches.
 */
export async function inputGradients(
  ctx: MethodContext,
  inputs: readonly Float32Array[],
  reluMode: 'standard' | 'guided' = 'standard',
): Promise<{ gradients: Float32Array[]; logits: Float32Array[]; guidedGates: number }> {
  const session = await ctx.sessions.get({ inputGradients: true, reluMode });
  const k = ctx.classifier.card.labels.length;
  const seed = oneHot(k, ctx.target);
  const gradients: Float32Array[] = [];
  const logits: Float32Array[] = [];
  const chunk = 16;
  for (let start = 0; start < inputs.length; start += chunk) {
    const part = inputs.slice(start, start + chunk);
    const r = await session.run(
      part,
      part.map(() => seed),
      ctx.signal,
    );
    gradients.push(...r.inputGradients!);
    logits.push(...r.logits);
    ctx.onProgress?.(Math.min(1, (start + part.length) / inputs.length));
  }
  return { gradients, logits, guidedGates: session.guidedGates };
}

export function inputShape(ctx: MethodContext): number[] {
  const { channels, height, width } = ctx.classifier.card.input;
  return [channels, height, width];
}
