import type { VjpRule } from '../vjp-rule';

/** GlobalAveragePool: y[n,c] = mean over spatial positions, so dx = dy / (h·w) broadcast over them. */
export const globalAveragePoolVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const spatial = ctx
    .facts(x)
    .dims.slice(2)
    .reduce((a, d) => a * d, 1);
  const scaled = e.op('Mul', [gy, e.scalar(1 / spatial)]);
  return [e.op('Expand', [scaled, e.shapeOf(x)])];
};
