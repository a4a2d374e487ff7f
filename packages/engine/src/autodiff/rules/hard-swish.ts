import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * HardSwish (opset 14): y = x · max(0, min(1, x/6 + 1/2)), so dy/dx = 0 for x < −3, x/3 + 1/2 for
 * −3 ≤ x ≤ 3, and 1 for x > 3 (PyTorch's hardswish_backward takes the same branches at the kinks).
 * Exports at opset 13 write it as x · HardSigmoid(x, alpha = 1/6), handled by the HardSigmoid and Mul rules.
 */
export const hardSwishVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const c = (v: number) => scalarLike(ctx, v, x);
  const ramp = e.op('Add', [e.op('Mul', [x, c(1 / 3)]), c(0.5)]);
  const upper = e.op('Where', [e.op('LessOrEqual', [x, c(3)]), ramp, c(1)]);
  const slope = e.op('Where', [e.op('Less', [x, c(-3)]), c(0), upper]);
  return [e.op('Mul', [gy, slope])];
};
