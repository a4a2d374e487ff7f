import type { VjpRule } from '../vjp-rule';
import { exponentialLinearVjp } from './exponential-linear-vjp';

/**
 * Selu (Klambauer et al. 2017): y = γ·x for x > 0, γ·α·(eˣ − 1) for x ≤ 0 (α ≈ 1.6733, γ ≈ 1.0507 by default, the
 * float32 values in the ONNX spec), so dx = γ·dy for x > 0 and dy·γ·α·eˣ = dy·(y + γ·α) for x ≤ 0, read from the
 * output.
 */
export const seluVjp: VjpRule = (ctx) => {
  const alpha = ctx.attrFloat('alpha', 1.6732631921768188);
  const gamma = ctx.attrFloat('gamma', 1.0507010221481323);
  return exponentialLinearVjp(ctx, {
    scale: gamma,
    slopeFromOutput: { a: 1, b: Math.fround(gamma) * Math.fround(alpha) },
  });
};
