import { normAxis } from '../rule-helpers';
import type { VjpContext } from '../vjp-rule';

/**
 * The axes a ReduceSum/ReduceMean/ReduceMax node reduces, normalised and sorted: from the `axes` attribute
 * (ReduceMean/ReduceMax before opset 18) or the constant `axes` input; none given means all axes, or no
 * reduction at all (undefined) when noop_with_empty_axes = 1.
 */
export function reducedAxes(ctx: VjpContext): number[] | undefined {
  const rank = ctx.facts(ctx.node.input[0]!).dims.length;
  const axesIn = ctx.node.input[1];
  let axes = ctx.node.attribute.some((a) => a.name === 'axes') ? ctx.attrInts('axes', []) : [];
  if (axesIn) {
    const v = ctx.constantValue(axesIn);
    if (!v) ctx.unsupported('its axes are computed at run time, not constants');
    axes = v;
  }
  if (axes.length === 0) {
    if (ctx.attrInt('noop_with_empty_axes', 0) === 1) return undefined;
    return [...Array(rank).keys()];
  }
  return [...new Set(axes.map((a) => normAxis(a, rank)))].sort((a, b) => a - b);
}

/** A tensor shaped like the reduction's output, given back its reduced axes as size 1 when keepdims = 0. */
export function withReducedDims(ctx: VjpContext, t: string, axes: readonly number[]): string {
  if (ctx.attrInt('keepdims', 1) === 1) return t;
  return ctx.emitter.op('Unsqueeze', [t, ctx.emitter.int64(axes)]);
}
