import type { VjpContext } from '../vjp-rule';
import { adjointConv } from './adjoint-conv';
import type { ConvGeometry } from './conv-geometry';

/**
 * The adjoint of cutting a pooling node's windows out of its input, shared by the pooling rules. `perWindow`
 * is [M, K, out…] (M = N·C, K values per window) and `weight` ([K, 1, kernel…], given by value) says where
 * each of the K values lands in the window; the result is [M, 1, in…]:
 *   dx[m, p] = Σ over windows o, kernel offsets κ with p = o·s − pad_begin + κ·d, and k: weight[k, κ]·v[m, k, o],
 * the adjoint of a K-channel conv with the pool's strides, dilations and pads (adjointConv), cropped to the
 * input (ceil_mode, end pads); positions no window reached (fewer than the stride) get zero.
 */
export function scatterPoolWindows(
  ctx: VjpContext,
  perWindow: string,
  weight: readonly number[],
  weightDims: readonly number[],
  g: ConvGeometry,
): string {
  return adjointConv(ctx, {
    gy: perWindow,
    weightValues: weight,
    weightDims,
    group: 1,
    geometry: g,
  });
}
