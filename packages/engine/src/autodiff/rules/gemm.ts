import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * Gemm: Y = alpha · A' B' + beta · C with A' = transA ? Aᵀ : A, B' = transB ? Bᵀ : B.
 * dA' = alpha · dY B'ᵀ, dB' = alpha · A'ᵀ dY, dC = beta · unbroadcast(dY); each expressed as one Gemm.
 */
export const gemmVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const [a, b, c] = ctx.node.input as [string, string, string | undefined];
  const alpha = ctx.attrFloat('alpha', 1);
  const beta = ctx.attrFloat('beta', 1);
  const transA = ctx.attrInt('transA', 0);
  const transB = ctx.attrInt('transB', 0);
  const al = { float: alpha };
  // dA = alpha · dY · B'ᵀ (transA = 0) or alpha · B' · dYᵀ (transA = 1)
  const ga = ctx.needsGrad(0)
    ? transA
      ? e.op('Gemm', [b, gy], { alpha: al, transA: transB, transB: 1 })
      : e.op('Gemm', [gy, b], { alpha: al, transB: transB ? 0 : 1 })
    : undefined;
  // dB = alpha · A'ᵀ · dY (transB = 0) or alpha · dYᵀ · A' (transB = 1)
  const gb = ctx.needsGrad(1)
    ? transB
      ? e.op('Gemm', [gy, a], { alpha: al, transA: 1, transB: transA })
      : e.op('Gemm', [a, gy], { alpha: al, transA: transA ? 0 : 1 })
    : undefined;
  const gc =
    c && ctx.needsGrad(2)
      ? unbroadcast(ctx, beta === 1 ? gy : e.op('Mul', [gy, e.scalar(beta)]), ctx.node.output[0]!, c)
      : undefined;
  return [ga, gb, gc];
};
