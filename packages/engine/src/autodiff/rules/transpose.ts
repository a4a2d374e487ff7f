import type { VjpRule } from '../vjp-rule';

/**
 * Transpose: y = xᵀ with y.shape[i] = x.shape[perm[i]] (perm defaults to the reversed axes), so
 * dx = Transpose(dy, perm⁻¹) with perm⁻¹[perm[i]] = i.
 */
export const transposeVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  const rank = ctx.facts(ctx.node.input[0]!).dims.length;
  const perm = ctx.attrInts(
    'perm',
    Array.from({ length: rank }, (_, i) => rank - 1 - i),
  );
  const inverse = new Array<number>(rank).fill(0);
  perm.forEach((p, i) => {
    inverse[p < 0 ? p + rank : p] = i;
  });
  return [ctx.emitter.op('Transpose', [gy], { perm: inverse })];
};
