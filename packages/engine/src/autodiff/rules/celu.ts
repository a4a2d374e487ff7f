import type { VjpRule } from '../vjp-rule';
import { exponentialLinearVjp } from './exponential-linear-vjp';

/**
 * Celu (Barron 2017): y = max(0, x) + min(0, α·(e^(x/α) − 1)) (α defaults to 1), so dx = dy for x > 0 and
 * dy·e^(x/α) = dy·(y/α + 1) for x ≤ 0, read from the output (continuous at 0, where both are dy).
 */
export const celuVjp: VjpRule = (ctx) =>
  exponentialLinearVjp(ctx, { scale: 1, slopeFromOutput: { a: 1 / ctx.attrFloat('alpha', 1), b: 1 } });
