import { normAxis } from '../rule-helpers';
import type { VjpContext, VjpRule } from '../vjp-rule';

/** Positions a Slice picks along one axis of size `dim` (ONNX semantics: negative values count from the end, clamped). */
export function slicePositions(dim: number, start: number, end: number, step: number): number[] {
  let s = start < 0 ? start + dim : start;
  let e = end < 0 ? end + dim : end;
  if (step > 0) {
    s = Math.min(Math.max(s, 0), dim);
    e = Math.min(Math.max(e, 0), dim);
  } else {
    s = Math.min(Math.max(s, 0), dim - 1);
    e = Math.min(Math.max(e, -1), dim - 1);
  }
  const out: number[] = [];
  for (let i = s; step > 0 ? i < e : i > e; i += step) out.push(i);
  return out;
}

/** Above this many one-hot entries (d · m) the placement matrix would be too large to hold as a constant. */
const MAX_ONE_HOT = 1 << 22;

/** An end at or past this value means "to the end" whatever the axis size (PyTorch exports INT64_MAX). */
const TO_THE_END = 2 ** 31 - 1;

/**
 * dx = Σ_j dy[j] placed at x position p_j along one axis: a one-hot matrix S[m, d] with S[j, p_j] = 1, applied
 * as a MatMul over that axis (dy reshaped to [pre…, m, post] so the axis is second to last). Exact: every
 * product is dy·1 or dy·0.
 */
function placeAlongAxis(
  ctx: VjpContext,
  gy: string,
  axis: number,
  positions: readonly number[],
  dim: number,
  xShape: string,
): string {
  const e = ctx.emitter;
  const m = positions.length;
  const st = new Array<number>(dim * m).fill(0);
  positions.forEach((p, j) => {
    st[p * m + j] = 1;
  });
  const folded = e.op('Reshape', [gy, e.int64([...new Array<number>(axis).fill(0), m, -1])]);
  return e.op('Reshape', [e.op('MatMul', [e.float(st, [dim, m]), folded]), xShape]);
}

/**
 * Slice with constant starts/ends/axes/steps: y takes the positions p₀, p₁… of x along each sliced axis, so dx
 * scatters dy back: a zero Pad where the step is 1, and a one-hot MatMul per axis for other steps (including
 * negative ones). Runtime starts/ends are not supported; on an axis that follows the batch only the full
 * range is.
 */
export const sliceVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const [x, startsIn, endsIn, axesIn, stepsIn] = ctx.node.input as (string | undefined)[];
  const constant = (t: string | undefined, what: string) => {
    const v = t ? ctx.constantValue(t) : undefined;
    return v ?? ctx.unsupported(`its ${what} are computed at run time, not constants`);
  };
  const fx = ctx.facts(x!);
  const rank = fx.dims.length;
  const starts = constant(startsIn, 'starts');
  const ends = constant(endsIn, 'ends');
  const axes = axesIn ? constant(axesIn, 'axes').map((a) => normAxis(a, rank)) : starts.map((_, i) => i);
  const steps = stepsIn ? constant(stepsIn, 'steps') : starts.map(() => 1);
  const padBegin = new Array<number>(rank).fill(0);
  const padEnd = new Array<number>(rank).fill(0);
  const strided: { axis: number; positions: number[] }[] = [];
  for (let k = 0; k < axes.length; k++) {
    const axis = axes[k]!;
    const [start, end, step] = [starts[k]!, ends[k]!, steps[k]!];
    if (fx.dynamic[axis]) {
      if (start === 0 && end >= TO_THE_END && step === 1) continue;
      ctx.unsupported(`it slices axis ${axis}, which follows the batch size, to a part of its range`);
    }
    const dim = fx.dims[axis]!;
    const positions = slicePositions(dim, start, end, step);
    if (positions.length === 0) return [e.op('ConstantOfShape', [e.shapeOf(x!)])];
    if (step !== 1 && dim * positions.length > MAX_ONE_HOT)
      ctx.unsupported(
        `a step-${step} slice of ${positions.length} of ${dim} needs a ${dim}×${positions.length} placement matrix`,
      );
    if (step === 1) {
      padBegin[axis] = positions[0]!;
      padEnd[axis] = dim - 1 - positions[positions.length - 1]!;
    } else strided.push({ axis, positions });
  }
  let g = gy;
  // The strided axes first: each MatMul keeps the other axes' sizes, reading them from the gradient itself.
  for (const { axis, positions } of strided) {
    const shape = e.op('ScatterElements', [e.shapeOf(g), e.int64([axis]), e.int64([ctx.facts(x!).dims[axis]!])]);
    g = placeAlongAxis(ctx, g, axis, positions, fx.dims[axis]!, shape);
  }
  if (padBegin.some((p) => p > 0) || padEnd.some((p) => p > 0)) {
    g = e.op('Pad', [g, e.int64([...padBegin, ...padEnd])], { mode: 'constant' });
  }
  return [g];
};
