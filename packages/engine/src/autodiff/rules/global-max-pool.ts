import type { VjpRule } from '../vjp-rule';

/**
 * GlobalMaxPool: y[n, c] = max of x[n, c, …] over every spatial position, so dy[n, c] goes to that maximum;
 * on a tie to the first maximum in row-major order (the convention MaxPool's Indices follow). x is viewed
 * as [N, C, P], ArgMax (first index on ties) picks the position, Equal against a constant 0…P−1 ramp
 * makes the one-hot mask, and Where places dy.
 */
export const globalMaxPoolVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const positions = ctx
    .facts(x)
    .dims.slice(2)
    .reduce((a, d) => a * d, 1);
  const flat = e.op('Reshape', [x, e.int64([0, 0, positions])]);
  const argmax = e.op('ArgMax', [flat], { axis: 2, keepdims: 1, select_last_index: 0 });
  const ramp = e.int64(
    Array.from({ length: positions }, (_, i) => i),
    [positions],
  );
  const mask = e.op('Equal', [argmax, ramp]);
  const placed = e.op('Where', [mask, e.op('Reshape', [gy, e.int64([0, 0, 1])]), e.scalar(0)]);
  return [e.op('Reshape', [placed, e.shapeOf(x)])];
};
