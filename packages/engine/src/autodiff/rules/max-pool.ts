import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';
import { kernelOffsets, scatterPoolWindows } from './scatter-pool-windows';

/**
 * MaxPool (1-D to 3-D, overlapping windows, strides, dilations, pads, auto_pad, ceil_mode): y[o] = max of
 * x over window o, so dy[o] goes to the window's maximum; on a tie to the first maximum in row-major
 * window order, where onnxruntime's MaxPool puts its Indices output (it replaces the max only on a strictly
 * greater value). storage_order only changes Indices, which carry no gradient.
 *
 * Built from ops valid at every opset ≥ 13: x is padded with −∞ (plus whatever the last window overhangs
 * with ceil_mode); for each of the K kernel offsets κ, a strided Slice gives the value each window sees at
 * κ, Equal with y marks where it is the maximum, and a running "already taken" mask keeps only the first
 * match per window. The masked dy of all offsets, stacked as [N·C, K, out…], is placed back with one
 * ConvTranspose whose weights are one-hot per offset (scatterPoolWindows). The alternative, MaxPool's
 * Indices output with ScatterElements(reduction='add'), needs opset 16.
 */
export const maxPoolVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  const e = ctx.emitter;
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const g = convGeometry(ctx);
  const r = g.inSpatial.length;
  const axes = Array.from({ length: r }, (_, i) => i + 2);
  const extent = g.outSpatial.map((o, i) => g.strides[i]! * (o - 1) + (g.kernel[i]! - 1) * g.dilations[i]! + 1);
  const padEnd = extent.map((ext, i) => Math.max(g.pads[i + r]!, ext - g.pads[i]! - g.inSpatial[i]!));
  const padded =
    g.pads.slice(0, r).every((p) => p === 0) && padEnd.every((p) => p === 0)
      ? x
      : e.op('Pad', [x, e.int64([0, 0, ...g.pads.slice(0, r), 0, 0, ...padEnd]), e.scalar(Number.NEGATIVE_INFINITY)]);
  const offsets = kernelOffsets(g.kernel);
  const zero = e.scalar(0);
  const stacked: string[] = [];
  let taken: string | undefined;
  offsets.forEach((kappa, j) => {
    const starts = kappa.map((k, i) => k * g.dilations[i]!);
    const ends = starts.map((s, i) => s + g.strides[i]! * (g.outSpatial[i]! - 1) + 1);
    const seen = e.op('Slice', [padded, e.int64(starts), e.int64(ends), e.int64(axes), e.int64(g.strides)]);
    const isMax = e.op('Equal', [seen, y]);
    const first = taken === undefined ? isMax : e.op('And', [isMax, e.op('Not', [taken])]);
    if (j < offsets.length - 1) taken = taken === undefined ? isMax : e.op('Or', [taken, isMax]);
    stacked.push(e.op('Unsqueeze', [e.op('Where', [first, gy, zero]), e.int64([2])]));
  });
  const perWindow = e.op('Reshape', [
    stacked.length === 1 ? stacked[0]! : e.op('Concat', stacked, { axis: 2 }),
    e.int64([-1, offsets.length, ...g.outSpatial]),
  ]);
  const oneHot = new Array<number>(offsets.length * offsets.length).fill(0);
  for (let j = 0; j < offsets.length; j++) oneHot[j * offsets.length + j] = 1;
  const weight = e.float(oneHot, [offsets.length, 1, ...g.kernel]);
  const gx = scatterPoolWindows(ctx, perWindow, weight, g);
  return [e.op('Reshape', [gx, e.shapeOf(x)])];
};
