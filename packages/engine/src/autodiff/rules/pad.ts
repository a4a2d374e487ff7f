import { normAxis, reduceSum } from '../rule-helpers';
import type { VjpContext, VjpRule } from '../vjp-rule';

/** A Slice end past any axis (2⁶², exact as a double; 2⁶³ − 1 is not). */
const PAST_THE_END = 2 ** 62;
const INT64_MIN = -(2 ** 63);

/** dy[begin : len − end] along one axis, `end` counted from the far side so the axis size never appears. */
function cropAxis(ctx: VjpContext, g: string, axis: number, begin: number, end: number): string {
  const e = ctx.emitter;
  return e.op('Slice', [g, e.int64([begin]), e.int64([end > 0 ? -end : PAST_THE_END]), e.int64([axis])]);
}

/** dy[begin + count − 1], …, dy[begin] along one axis (a piece of dy reversed). */
function reversedPiece(ctx: VjpContext, g: string, axis: number, begin: number, count: number): string {
  const e = ctx.emitter;
  const end = begin === 0 ? INT64_MIN : begin - 1;
  return e.op('Slice', [g, e.int64([begin + count - 1]), e.int64([end]), e.int64([axis]), e.int64([-1])]);
}

/** Zero-pads one axis by `before` and `after`. */
function padAxis(ctx: VjpContext, g: string, axis: number, rank: number, before: number, after: number): string {
  const e = ctx.emitter;
  const pads = new Array<number>(2 * rank).fill(0);
  pads[axis] = before;
  pads[axis + rank] = after;
  return e.op('Pad', [g, e.int64(pads)], { mode: 'constant' });
}

/**
 * Pad with constant pads (begin bᵢ, end eᵢ per axis; the optional opset-18 `axes` input honoured). Per axis,
 * y[j] = x[j − b] inside and, in the margins:
 * - constant: the pad value, so dx = dy cropped to x's place (a negative pad crops x, so dx gets zeros there),
 *   and d(value) = Σ dy − Σ dx;
 * - edge: x[0] / x[d−1], so the margins' sums are added to dx's first / last element;
 * - reflect: x[b − j] / x[d − 2 − i], so the margins, reversed, are added to dx[1..b] / dx[d−1−e..d−2].
 * The axes are independent, so the adjoint is applied one axis at a time. Wrap mode is not supported.
 */
export const padVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [x, padsIn, valueIn, axesIn] = ctx.node.input as [string, string, string | undefined, string | undefined];
  const mode = ctx.attrString('mode', 'constant');
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'edge') ctx.unsupported(`mode "${mode}" has no rule`);
  const fx = ctx.facts(x);
  const rank = fx.dims.length;
  const given = ctx.constantValue(padsIn) ?? ctx.unsupported('its pads are computed at run time, not constants');
  const axes = axesIn
    ? (ctx.constantValue(axesIn)?.map((a) => normAxis(a, rank)) ??
      ctx.unsupported('its axes are computed at run time, not constants'))
    : [...Array(rank).keys()];
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  axes.forEach((a, k) => {
    begin[a] = given[k]!;
    end[a] = given[k + axes.length]!;
  });
  let g = gy;
  for (let a = 0; a < rank; a++) {
    const [b, f] = [begin[a]!, end[a]!];
    if (b === 0 && f === 0) continue;
    if (fx.dynamic[a]) ctx.unsupported(`it pads axis ${a}, which follows the batch size`);
    if (mode === 'constant') {
      g = cropAxis(ctx, g, a, Math.max(b, 0), Math.max(f, 0));
      if (b < 0 || f < 0) g = padAxis(ctx, g, a, rank, Math.max(-b, 0), Math.max(-f, 0));
      continue;
    }
    if (b < 0 || f < 0) ctx.unsupported(`negative pads with mode "${mode}"`);
    const d = fx.dims[a]!;
    const parts = [cropAxis(ctx, g, a, b, f)];
    if (mode === 'edge') {
      const sumOf = (start: number, count: number) =>
        reduceSum(ctx, e.op('Slice', [g, e.int64([start]), e.int64([start + count]), e.int64([a])]), [a], true);
      if (b > 0) parts.push(padAxis(ctx, sumOf(0, b), a, rank, 0, d - 1));
      if (f > 0) parts.push(padAxis(ctx, sumOf(b + d, f), a, rank, d - 1, 0));
    } else {
      if (b >= d || f >= d) ctx.unsupported(`reflect pads (${b}, ${f}) must be smaller than the axis size ${d}`);
      if (b > 0) parts.push(padAxis(ctx, reversedPiece(ctx, g, a, 0, b), a, rank, 1, d - 1 - b));
      if (f > 0) parts.push(padAxis(ctx, reversedPiece(ctx, g, a, b + d, f), a, rank, d - 1 - f, 1));
    }
    g = parts.length === 1 ? parts[0]! : e.op('Sum', parts);
  }
  const gValue =
    valueIn && ctx.needsGrad(2)
      ? e.op('Reshape', [
          e.op('Sub', [e.op('ReduceSum', [gy], { keepdims: 0 }), e.op('ReduceSum', [g], { keepdims: 0 })]),
          e.shapeOf(valueIn),
        ])
      : undefined;
  return [ctx.needsGrad(0) ? g : undefined, undefined, gValue];
};
