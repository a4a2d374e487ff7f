import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';
import { scatterPoolWindows } from './scatter-pool-windows';

/**
 * AveragePool (1-D to 3-D, strides, pads, auto_pad, ceil_mode, count_include_pad, dilations):
 * y[o] = (1/n[o])·Σ x over the real (unpadded) positions of window o, so dx[p] = Σ over windows o holding p
 * of dy[o]/n[o]. The divisor n[o] is a product over axes of the window's length counted on the real input
 * (count_include_pad = 0) or on the padded input [−pad_begin, in + pad_end) (count_include_pad = 1); it
 * is known at build time, so dy is multiplied by a constant 1/n map [out…] (broadcast over N, C) and
 * placed back by the adjoint of a conv with all-ones weights (scatterPoolWindows).
 */
export const averagePoolVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const g = convGeometry(ctx);
  const r = g.inSpatial.length;
  const includePad = ctx.attrInt('count_include_pad', 0) === 1;
  // Per axis, the number of counted positions of each window.
  const counts = g.outSpatial.map((out, i) => {
    const [lo, hi] = includePad ? [-g.pads[i]!, g.inSpatial[i]! + g.pads[i + r]!] : [0, g.inSpatial[i]!];
    return Array.from({ length: out }, (_, o) => {
      let n = 0;
      for (let k = 0; k < g.kernel[i]!; k++) {
        const p = o * g.strides[i]! - g.pads[i]! + k * g.dilations[i]!;
        if (p >= lo && p < hi) n++;
      }
      return n;
    });
  });
  let inverse: number[] = [1];
  for (const c of counts) inverse = inverse.flatMap((v) => c.map((n) => v * n));
  inverse = inverse.map((n) => (n === 0 ? 0 : 1 / n));
  const weighted = e.op('Mul', [gy, e.float(inverse, g.outSpatial)]);
  const perWindow = e.op('Reshape', [weighted, e.int64([-1, 1, ...g.outSpatial])]);
  const ones = new Array<number>(g.kernel.reduce((a, k) => a * k, 1)).fill(1);
  return [e.op('Reshape', [scatterPoolWindows(ctx, perWindow, ones, [1, 1, ...g.kernel], g), e.shapeOf(x)])];
};
