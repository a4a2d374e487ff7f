import type { GraphEmitter } from './graph-emitter';
import { scalarLike } from './rules/element-type';
import type { VjpContext } from './vjp-rule';

/** ReduceSum over axes in the form the opset wants (axes as an input since opset 13). */
export function reduceSum(ctx: VjpContext, x: string, axes: readonly number[], keepdims: boolean): string {
  const e = ctx.emitter;
  return e.op('ReduceSum', [x, e.int64(axes)], { keepdims: keepdims ? 1 : 0 });
}

/** ReduceMean over axes in the form the opset wants (axes attribute before opset 18, input after). */
export function reduceMean(ctx: VjpContext, x: string, axes: readonly number[], keepdims: boolean): string {
  const e = ctx.emitter;
  if (ctx.opset >= 18) return e.op('ReduceMean', [x, e.int64(axes)], { keepdims: keepdims ? 1 : 0 });
  return e.op('ReduceMean', [x], { axes: [...axes], keepdims: keepdims ? 1 : 0 });
}

/**
 * Sums a gradient shaped like a broadcast result back to the shape of one operand (numpy broadcasting):
 * leading extra axes and axes where the operand has a fixed size 1 are summed. Dims that follow the batch
 * are never mistaken for size 1.
 */
export function unbroadcast(ctx: VjpContext, grad: string, resultTensor: string, operand: string): string {
  const out = ctx.facts(resultTensor);
  const inp = ctx.facts(operand);
  const r = out.dims.length - inp.dims.length;
  const axes: number[] = [];
  for (let k = 0; k < r; k++) axes.push(k);
  inp.dims.forEach((d, k) => {
    const o = k + r;
    if (d === 1 && !inp.dynamic[k] && (out.dims[o] !== 1 || out.dynamic[o])) axes.push(o);
  });
  if (axes.length === 0 && r === 0) return grad;
  const summed = axes.length === 0 ? grad : reduceSum(ctx, grad, axes, true);
  return ctx.emitter.op('Reshape', [summed, ctx.emitter.shapeOf(operand)]);
}

/** Normalises a possibly negative axis against a rank. */
export function normAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}

/** A float tensor of zeros with the runtime shape of `like`. */
export function zerosLike(ctx: VjpContext, like: string): string {
  const e = ctx.emitter;
  return e.op('ConstantOfShape', [e.shapeOf(like)]);
}

/** Σ parts as a tree of pairwise Adds: onnxruntime runs Add on several threads, a many-input Sum on one. */
export function addAll(e: GraphEmitter, parts: readonly string[]): string {
  let level = [...parts];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? e.op('Add', [level[i]!, level[i + 1]!]) : level[i]!);
    level = next;
  }
  return level[0]!;
}

/**
 * 1 − s for a sigmoid output s ∈ [0, 1], as HardSigmoid(s) = max(0, min(1, −s + 1)) with α = −1, β = 1: the
 * same value as a Sub (the clip never binds), but an activation onnxruntime keeps in its blocked NCHWc layout,
 * where a Sub makes it reorder both operands to NCHW and back (measured: 4 reorders fewer per SiLU). onnxruntime
 * has HardSigmoid for float32 only, so other float types use the Sub.
 */
export function oneMinusSigmoid(ctx: VjpContext, s: string): string {
  if (ctx.facts(s).type !== 'float32') return ctx.emitter.op('Sub', [scalarLike(ctx, 1, s), s]);
  return ctx.emitter.op('HardSigmoid', [s], { alpha: { float: -1 }, beta: { float: 1 } });
}
