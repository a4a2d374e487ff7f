import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { castLike, scalarLike } from './element-type';

/**
 * PRelu (He et al. 2015): y = x for x ≥ 0, slope·x for x < 0, with slope broadcast to x (numpy rules, as
 * PyTorch exports a per-channel slope [C, 1, 1]). dx = dy for x ≥ 0, slope·dy for x < 0;
 * dslope = the sum, over the broadcast axes, of dy·x where x < 0.
 */
export const preluVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [x, slope] = ctx.node.input as [string, string];
  const y = ctx.node.output[0]!;
  const negative = e.op('Less', [x, scalarLike(ctx, 0, x)]);
  const gx = ctx.needsGrad(0) ? e.op('Where', [negative, e.op('Mul', [gy, slope]), gy]) : undefined;
  const gSlope = ctx.needsGrad(1)
    ? unbroadcast(ctx, e.op('Mul', [e.op('Mul', [gy, x]), castLike(ctx, negative, x)]), y, slope)
    : undefined;
  return [gx, gSlope];
};
