import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * Selu (Klambauer et al. 2017): y = γ·x for x > 0, γ·α·(eˣ − 1) for x ≤ 0 (α ≈ 1.6733, γ ≈ 1.0507 by default, the float32 values in the ONNX spec),
 * so dx = γ·dy for x > 0 and dy·γ·α·eˣ = dy·(y + γ·α) for x ≤ 0, read from the output.
 */
export const seluVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const alpha = ctx.attrFloat('alpha', 1.6732631921768188);
  const gamma = ctx.attrFloat('gamma', 1.0507010221481323);
  const positive = e.op('Greater', [x, scalarLike(ctx, 0, x)]);
  const negativeSlope = e.op('Add', [y, scalarLike(ctx, Math.fround(gamma) * Math.fround(alpha), x)]);
  return [e.op('Where', [positive, e.op('Mul', [gy, scalarLike(ctx, gamma, x)]), e.op('Mul', [gy, negativeSlope])])];
};
