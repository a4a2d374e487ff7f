import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/** Erf: erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, so dx = dy · 2/√π · e^(−x²). */
export const erfVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const gauss = e.op('Exp', [e.op('Neg', [e.op('Mul', [x, x])])]);
  return [e.op('Mul', [gy, e.op('Mul', [gauss, scalarLike(ctx, 2 / Math.sqrt(Math.PI), x)])])];
};
