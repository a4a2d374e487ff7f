import { unbroadcast } from '../rule-helpers';
import type { VjpContext, VjpRule } from '../vjp-rule';
import { castLike, scalarLike } from './element-type';

/** Element types whose constants the builder can read (unsigned 32/64-bit exponents take the general path). */
const READABLE = new Set(['float32', 'float64', 'int8', 'uint8', 'int32', 'int64']);

/** The value of a constant exponent whose elements are all equal, else undefined. */
function uniformConstant(ctx: VjpContext, p: string): number | undefined {
  const values = READABLE.has(ctx.facts(p).type) ? ctx.constantValue(p) : undefined;
  const first = values?.[0];
  return first !== undefined && values!.every((v) => v === first) ? first : undefined;
}

/**
 * Pow (broadcasting; the exponent may be an integer or another float type): y = x^p, so
 *   dx = unbroadcast(dy · p · x^(p−1)) (with a constant exponent c: c = 0 gives no gradient, c = 1 gives dy,
 *        c = 2 gives dy · 2x, otherwise dy · c · x^(c−1)),
 *   dp = unbroadcast(dy · y · ln x), defined for x > 0; taken as 0 where x = 0 (the limit for p > 0, as in
 *        PyTorch) and NaN where x < 0, where x^p is not differentiable in p.
 */
export const powVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [x, p] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  let gx: string | undefined;
  if (ctx.needsGrad(0)) {
    const c = uniformConstant(ctx, p);
    let slope: string | undefined;
    if (c === undefined) {
      const pf = ctx.facts(p).type === ctx.facts(x).type ? p : castLike(ctx, p, x);
      slope = e.op('Mul', [pf, e.op('Pow', [x, e.op('Sub', [pf, scalarLike(ctx, 1, x)])])]);
    } else if (c === 2) slope = e.op('Mul', [x, scalarLike(ctx, 2, x)]);
    else if (c !== 0 && c !== 1)
      slope = e.op('Mul', [e.op('Pow', [x, scalarLike(ctx, c - 1, x)]), scalarLike(ctx, c, x)]);
    if (c !== 0) gx = unbroadcast(ctx, slope ? e.op('Mul', [gy, slope]) : gy, y, x);
  }
  let gp: string | undefined;
  if (ctx.needsGrad(1)) {
    const atZero = e.op('Equal', [x, scalarLike(ctx, 0, x)]);
    const dYdP = e.op('Where', [atZero, scalarLike(ctx, 0, y), e.op('Mul', [y, e.op('Log', [x])])]);
    const g = unbroadcast(ctx, e.op('Mul', [gy, dYdP]), y, p);
    gp = ctx.facts(p).type === ctx.facts(y).type ? g : castLike(ctx, g, p);
  }
  return [gx, gp];
};
