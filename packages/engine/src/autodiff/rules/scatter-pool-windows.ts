import type { VjpContext } from '../vjp-rule';
import type { ConvGeometry } from './conv-geometry';

/**
 * The adjoint of cutting a pooling node's windows out of its input, shared by the pooling rules. `perWindow`
 * is [M, K, out…] (M = N·C, K values per window) and `weight` is [K, 1, kernel…]; the result is [M, 1, in…]:
 *   dx[m, p] = Σ over windows o, kernel offsets κ with p = o·s − pad_begin + κ·d, and k: weight[k, κ]·v[m, k, o],
 * one ConvTranspose (strides, dilations of the pool). Its pads crop the begin padding and whatever the last
 * window overhangs (ceil_mode, end pads); output_padding re-adds the trailing rows no window reached (fewer
 * than the stride), which get zero.
 */
export function scatterPoolWindows(ctx: VjpContext, perWindow: string, weight: string, g: ConvGeometry): string {
  const r = g.inSpatial.length;
  const cropEnd: number[] = [];
  const outputPadding: number[] = [];
  for (let i = 0; i < r; i++) {
    const extent = g.strides[i]! * (g.outSpatial[i]! - 1) + (g.kernel[i]! - 1) * g.dilations[i]! + 1;
    const afterBegin = extent - g.pads[i]!;
    cropEnd.push(Math.max(0, afterBegin - g.inSpatial[i]!));
    outputPadding.push(Math.max(0, g.inSpatial[i]! - afterBegin));
  }
  if (outputPadding.some((p, i) => p >= g.strides[i]!))
    ctx.unsupported(`inconsistent pooling geometry (output_padding ${outputPadding.join(',')})`);
  return ctx.emitter.op('ConvTranspose', [perWindow, weight], {
    strides: g.strides,
    dilations: g.dilations,
    pads: [...g.pads.slice(0, r), ...cropEnd],
    kernel_shape: g.kernel,
    output_padding: outputPadding,
  });
}

/** Every kernel offset as a multi-index, in row-major order (the order a pooling kernel scans its window). */
export function kernelOffsets(kernel: readonly number[]): number[][] {
  let offsets: number[][] = [[]];
  for (const k of kernel) offsets = offsets.flatMap((o) => Array.from({ length: k }, (_, j) => [...o, j]));
  return offsets;
}
