import type { VjpContext } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * The gradient shared by the exponential linear units (Elu, Selu, Celu): y = scale·x above 0 and an exponential
 * branch from 0 down whose slope is an affine function of y, a·y + b. So dx = scale·dy for x > 0 and
 * dy·(a·y + b) for x ≤ 0 (the branch the forward pass took), read from the output y.
 */
export function exponentialLinearVjp(
  ctx: VjpContext,
  branch: { readonly scale: number; readonly slopeFromOutput: { readonly a: number; readonly b: number } },
): (string | undefined)[] {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const { a, b } = branch.slopeFromOutput;
  const scaledY = a === 1 ? y : e.op('Mul', [y, scalarLike(ctx, a, x)]);
  const negativeSlope = e.op('Add', [scaledY, scalarLike(ctx, b, x)]);
  const positive = e.op('Greater', [x, scalarLike(ctx, 0, x)]);
  const above = branch.scale === 1 ? gy : e.op('Mul', [gy, scalarLike(ctx, branch.scale, x)]);
  return [e.op('Where', [positive, above, e.op('Mul', [gy, negativeSlope])])];
}
