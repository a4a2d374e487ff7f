import { addAll } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';
import { kernelOffsets } from './kernel-offsets';
import { scatterPoolWindows } from './scatter-pool-windows';

/**
 * MaxPool (1-D to 3-D, overlapping windows, strides, dilations, pads, auto_pad, ceil_mode): y[o] = max of
 * x over window o, so dy[o] goes to the window's maximum; on a tie to the one onnxruntime picks (the first
 * maximum in row-major window order: it replaces the max only on a strictly greater value).
 *
 * The backward graph runs the pool again with its Indices output (MaxPool has it at every opset ≥ 8: the
 * flat position of each window's maximum in x, N and C included). MaxUnpool puts values at such indices,
 * but by assignment, so two windows sharing a maximum would lose one gradient. Windows o ≡ a (mod m) on
 * every axis, with m = ⌈window span / stride⌉, never overlap, so each such class (4 for the usual 3×3
 * stride-2 pool) is unpooled on its own (a strided Slice of dy and Indices; MaxUnpool with an explicit
 * output shape takes any subset of windows) and the classes are added.
 * Where that would take more than 16 classes (or the pool's output outgrows its input), the gradient each
 * kernel offset receives is formed on the output grid (Indices modulo the spatial size compared with a
 * constant table of the position each window sees at that offset) and placed back by the adjoint of a
 * conv with one-hot weights (scatterPoolWindows). ScatterElements(reduction='add') would need opset 16.
 * storage_order only changes Indices' layout, so the rerun uses the default (0).
 */
export const maxPoolVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const g = convGeometry(ctx);
  const r = g.inSpatial.length;
  const [, indices] = e.emit(
    'MaxPool',
    [x],
    {
      kernel_shape: g.kernel,
      strides: g.strides,
      dilations: g.dilations,
      pads: g.pads,
      ceil_mode: ctx.attrInt('ceil_mode', 0),
      storage_order: 0,
    },
    2,
  );
  // Windows o ≡ a (mod m) per axis, m = ⌈span / s⌉, never overlap, so within one such class each input
  // position is the maximum of at most one window and MaxUnpool (an assignment at the Indices, no sum) is
  // exact; the classes are then summed. MaxUnpool with an explicit output shape takes any subset of windows.
  const span = g.kernel.map((k, i) => (k - 1) * g.dilations[i]! + 1);
  const classesPerAxis = span.map((sp, i) => Math.ceil(sp / g.strides[i]!));
  const classCount = classesPerAxis.reduce((a, m) => a * m, 1);
  if (classCount <= 16 && g.outSpatial.every((o, i) => o <= g.inSpatial[i]!)) {
    const axes = Array.from({ length: r }, (_, i) => i + 2);
    const parts: string[] = [];
    // Each class by its first window's index per axis, all of [0, m) per axis.
    for (const start of kernelOffsets(classesPerAxis)) {
      if (start.some((a, i) => a >= g.outSpatial[i]!)) continue;
      const pick = (t: string) =>
        classCount === 1
          ? t
          : e.op('Slice', [t, e.int64(start), e.int64(g.outSpatial), e.int64(axes), e.int64(classesPerAxis)]);
      parts.push(
        // kernel 1, stride 1: the smallest shape onnxruntime infers (and checks the explicit one against).
        e.op('MaxUnpool', [pick(gy), pick(indices!), e.shapeOf(x)], {
          kernel_shape: new Array<number>(r).fill(1),
          strides: new Array<number>(r).fill(1),
        }),
      );
    }
    return [addAll(e, parts)];
  }
  const offsets = kernelOffsets(g.kernel);
  const K = offsets.length;
  const spatial = g.inSpatial.reduce((a, n) => a * n, 1);
  const local = e.op('Mod', [indices!, e.int64([spatial], [])]);
  // Per offset κ, the flat input position each window o sees there (−1 in the padding), o in row-major order.
  const windows = kernelOffsets(g.outSpatial);
  const tables = offsets.map((kappa) =>
    windows.map((o) => {
      let flat = 0;
      for (let i = 0; i < r; i++) {
        const p = o[i]! * g.strides[i]! - g.pads[i]! + kappa[i]! * g.dilations[i]!;
        if (p < 0 || p >= g.inSpatial[i]!) return -1;
        flat = flat * g.inSpatial[i]! + p;
      }
      return flat;
    }),
  );
  const zero = e.scalar(0);
  const hit = e.op('Equal', [e.op('Unsqueeze', [local, e.int64([2])]), e.int64(tables.flat(), [K, ...g.outSpatial])]);
  const stacked = e.op('Where', [hit, e.op('Unsqueeze', [gy, e.int64([2])]), zero]);
  const perWindow = e.op('Reshape', [stacked, e.int64([-1, K, ...g.outSpatial])]);
  const oneHot = new Array<number>(K * K).fill(0);
  for (let j = 0; j < K; j++) oneHot[j * K + j] = 1;
  const gx = scatterPoolWindows(ctx, perWindow, oneHot, [K, 1, ...g.kernel], g);
  return [e.op('Reshape', [gx, e.shapeOf(x)])];
};
