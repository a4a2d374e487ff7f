import { normAxis } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/** Above this many one-hot entries (d · indices) the placement matrix would be too large to hold as a constant. */
const MAX_ONE_HOT = 1 << 22;

/**
 * Gather along `axis` (negative counts from the end): y[pre, i…, post] = x[pre, idx[i…], post], so
 * dx[pre, p, post] = Σ over i with idx[i] = p of dy[pre, i, post] (repeated indices add up).
 * - one constant index (e.g. the class token x[:, 0]): dx = Pad(Unsqueeze(dy, axis)) with zeros elsewhere;
 * - other constant indices: dy with the index dims folded into one of size q, multiplied by the one-hot
 *   constant Sᵀ[d, q] (Sᵀ[idx_j, j] = 1) over that axis;
 * - runtime indices: the same MatMul with Sᵀ = OneHot(idx, d, axis 0).
 * All three work from opset 13 on. Negative indices count from the end (OneHot does the same).
 */
export const gatherVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const e = ctx.emitter;
  const [x, indices] = ctx.node.input as [string, string];
  const fx = ctx.facts(x);
  const fi = ctx.facts(indices);
  const rank = fx.dims.length;
  const axis = normAxis(ctx.attrInt('axis', 0), rank);
  if (fx.dynamic[axis]) ctx.unsupported(`it gathers along axis ${axis}, which follows the batch size`);
  if (fi.dynamic.some(Boolean)) ctx.unsupported('the number of indices follows the batch size');
  const d = fx.dims[axis]!;
  const q = fi.dims.reduce((a, n) => a * n, 1);
  if (d * q > MAX_ONE_HOT) ctx.unsupported(`gathering ${q} of ${d} slices needs a ${d}×${q} placement matrix`);
  const values = ctx.constantValue(indices);
  if (values && values.length === 1 && fi.dims.length <= 1) {
    const p = values[0]! < 0 ? values[0]! + d : values[0]!;
    const kept = fi.dims.length === 0 ? e.op('Unsqueeze', [gy, e.int64([axis])]) : gy;
    const before = new Array<number>(rank).fill(0);
    const after = new Array<number>(rank).fill(0);
    before[axis] = p;
    after[axis] = d - 1 - p;
    return [e.op('Pad', [kept, e.int64([...before, ...after])], { mode: 'constant' })];
  }
  let st: string;
  if (values) {
    const m = new Array<number>(d * q).fill(0);
    values.forEach((v, j) => {
      const p = v < 0 ? v + d : v;
      m[p * q + j]! += 1;
    });
    st = e.float(m, [d, q]);
  } else {
    const flat = e.op('Cast', [e.op('Reshape', [indices, e.int64([-1])])], { to: 7 });
    st = e.op('OneHot', [flat, e.int64([d], []), e.float([0, 1])], { axis: 0 });
  }
  const folded = e.op('Reshape', [gy, e.int64([...new Array<number>(axis).fill(0), q, -1])]);
  return [e.op('Reshape', [e.op('MatMul', [st, folded]), e.shapeOf(x)])];
};
