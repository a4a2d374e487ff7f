import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';

/**
 * Conv (any spatial rank, groups, strides, dilations, pads, auto_pad): dX is the transposed convolution of dY
 * with the same weights, ConvTranspose(dY, W), with output_padding chosen so the result has X's exact size
 * (the rows a strided conv never reached get zero gradient). Gradients for W and B are not built.
 */
export const convVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  if (ctx.needsGrad(1) || ctx.needsGrad(2))
    ctx.unsupported('the gradient w.r.t. weights computed inside the graph is not supported');
  const w = ctx.node.input[1]!;
  const g = convGeometry(ctx, ctx.facts(w).dims.slice(2));
  const r = g.inSpatial.length;
  const outputPadding = g.inSpatial.map((inSize, i) => {
    const reached =
      g.strides[i]! * (g.outSpatial[i]! - 1) + (g.kernel[i]! - 1) * g.dilations[i]! + 1 - g.pads[i]! - g.pads[i + r]!;
    return inSize - reached;
  });
  if (outputPadding.some((p) => p < 0))
    ctx.unsupported(`inconsistent conv geometry (output_padding ${outputPadding.join(',')})`);
  const gx = ctx.emitter.op('ConvTranspose', [gy, w], {
    strides: g.strides,
    dilations: g.dilations,
    pads: g.pads,
    group: ctx.attrInt('group', 1),
    kernel_shape: g.kernel,
    output_padding: outputPadding,
  });
  return [gx];
};
