import { reduceSum } from '../rule-helpers';
import type { VjpContext, VjpRule } from '../vjp-rule';

/** Swaps the last two axes of a tensor of the given rank. */
function swapLast(ctx: VjpContext, t: string, rank: number): string {
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return ctx.emitter.op('Transpose', [t], { perm });
}

/**
 * MatMul (numpy semantics): with A promoted to [1, k] when 1-D and B to [k, 1] when 1-D, Y = A·B over the
 * last two axes with the leading (batch) axes broadcast. dA = dY·Bᵀ and dB = Aᵀ·dY, each computed on the
 * broadcast batch shape, then summed over the batch axes the operand lacks or has as size 1, and reshaped
 * to the operand's shape (which drops the promoted axes again).
 */
export const matmulVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [a, b] = ctx.node.input as [string, string];
  const fa = ctx.facts(a);
  const fb = ctx.facts(b);
  const fy = ctx.facts(ctx.node.output[0]!);
  const aVec = fa.dims.length === 1;
  const bVec = fb.dims.length === 1;
  // The broadcast batch dims of Y, and dY with the promoted axes put back: [batch…, m, n].
  const batchRank = fy.dims.length - (aVec ? 0 : 1) - (bVec ? 0 : 1);
  const batchDims = fy.dims.slice(0, batchRank);
  const batchDynamic = fy.dynamic.slice(0, batchRank);
  const restored = [...(aVec ? [batchRank] : []), ...(bVec ? [batchRank + 1] : [])];
  const g = restored.length > 0 ? e.op('Unsqueeze', [gy, e.int64(restored)]) : gy;
  const a2 = aVec ? e.op('Unsqueeze', [a, e.int64([0])]) : a;
  const b2 = bVec ? e.op('Unsqueeze', [b, e.int64([1])]) : b;
  const rankA = Math.max(fa.dims.length, 2);
  const rankB = Math.max(fb.dims.length, 2);

  /** Sums a [batch…, r, c] gradient down to an operand whose own dims are `dims` (rank ≥ 2) and reshapes it. */
  const toOperand = (grad: string, operand: string, dims: readonly number[], dynamic: readonly boolean[]) => {
    const own = dims.length - 2;
    const lead = batchRank - own;
    const axes = [...Array(lead).keys()];
    for (let k = 0; k < own; k++) {
      const o = k + lead;
      if (dims[k] === 1 && !dynamic[k] && (batchDims[o] !== 1 || batchDynamic[o])) axes.push(o);
    }
    const summed = axes.length > 0 ? reduceSum(ctx, grad, axes, true) : grad;
    return axes.length > 0 || aVec || bVec || lead > 0 ? e.op('Reshape', [summed, e.shapeOf(operand)]) : summed;
  };

  const ga = ctx.needsGrad(0)
    ? toOperand(
        e.op('MatMul', [g, swapLast(ctx, b2, rankB)]),
        a,
        aVec ? [1, fa.dims[0]!] : fa.dims,
        aVec ? [false, false] : fa.dynamic,
      )
    : undefined;
  const gb = ctx.needsGrad(1)
    ? toOperand(
        e.op('MatMul', [swapLast(ctx, a2, rankA), g]),
        b,
        bVec ? [fb.dims[0]!, 1] : fb.dims,
        bVec ? [false, false] : fb.dynamic,
      )
    : undefined;
  return [ga, gb];
};
