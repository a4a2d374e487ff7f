import { unbroadcast } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { scalarLike } from './element-type';

/**
 * Clip (opset ≥ 11: min and max are optional scalar inputs, an empty name meaning unbounded):
 * y = min(max(x, lo), hi), as onnxruntime computes it. Each output element equals exactly one of x, lo, hi,
 * and that one receives dy:
 *   dx  = dy · [lo ≤ x ≤ hi],
 *   dlo = Σ dy · [x < lo ∧ lo ≤ hi],
 *   dhi = Σ dy · [otherwise] (x > hi, or lo > hi where the output is hi everywhere).
 * ReLU6 is Clip(x, 0, 6).
 */
export const clipVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const lo = ctx.node.input[1] || undefined;
  const hi = ctx.node.input[2] || undefined;
  const y = ctx.node.output[0]!;
  if (!lo && !hi) return [ctx.needsGrad(0) ? gy : undefined];
  const zero = scalarLike(ctx, 0, x);
  const pass = (cond: string) => e.op('Where', [cond, gy, zero]);
  const both = (a: string | undefined, b: string | undefined) => (a && b ? e.op('And', [a, b]) : (a ?? b)!);
  const inside = both(lo ? e.op('GreaterOrEqual', [x, lo]) : undefined, hi ? e.op('LessOrEqual', [x, hi]) : undefined);
  const below = lo ? both(e.op('Less', [x, lo]), hi ? e.op('LessOrEqual', [lo, hi]) : undefined) : undefined;
  const gx = ctx.needsGrad(0) ? pass(inside) : undefined;
  const glo = lo && below && ctx.needsGrad(1) ? unbroadcast(ctx, pass(below), y, lo) : undefined;
  const above = () => e.op('Not', [below ? e.op('Or', [inside, below]) : inside]);
  const ghi = hi && ctx.needsGrad(2) ? unbroadcast(ctx, pass(above()), y, hi) : undefined;
  return [gx, glo, ghi];
};
