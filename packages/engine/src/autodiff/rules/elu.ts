import type { VjpRule } from '../vjp-rule';
import { exponentialLinearVjp } from './exponential-linear-vjp';

/**
 * Elu (Clevert et al. 2016): y = x for x > 0, α·(eˣ − 1) for x ≤ 0 (α defaults to 1), so dx = dy for x > 0 and
 * dy·α·eˣ = dy·(y + α) for x ≤ 0 (the slope of the branch the forward pass took), read from the output.
 */
export const eluVjp: VjpRule = (ctx) =>
  exponentialLinearVjp(ctx, { scale: 1, slopeFromOutput: { a: 1, b: ctx.attrFloat('alpha', 1) } });
