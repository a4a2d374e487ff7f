import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';

/**
 * Conv (1-D, 2-D, 3-D; groups incl. depthwise, strides, dilations, asymmetric pads, auto_pad, kernel_shape
 * read from W when absent): y = x ⋆ W + B, linear in x, so dX is the transposed convolution of dY with the
 * same weights and geometry, ConvTranspose(dY, W) (Conv's W [M, C/g, k…] is exactly ConvTranspose's
 * [C_in = M, C_out/g = C/g, k…]). output_padding = in − (s·(out − 1) + (k − 1)·d + 1 − pads) restores X's
 * exact size: the trailing rows a strided conv never reached get zero gradient (always < stride).
 * dB = Σ dY over the batch and every spatial position. The gradient w.r.t. W would need a correlation of
 * X with dY per sample and is not built.
 */
export const convVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  if (ctx.needsGrad(1))
    ctx.unsupported('the gradient w.r.t. the weights is not built (only w.r.t. the input and bias)');
  const [, w, b] = ctx.node.input as [string, string, string | undefined];
  const g = convGeometry(ctx, ctx.facts(w).dims.slice(2));
  const r = g.inSpatial.length;
  let gx: string | undefined;
  if (ctx.needsGrad(0)) {
    const outputPadding = g.inSpatial.map((inSize, i) => {
      const reached =
        g.strides[i]! * (g.outSpatial[i]! - 1) + (g.kernel[i]! - 1) * g.dilations[i]! + 1 - g.pads[i]! - g.pads[i + r]!;
      return inSize - reached;
    });
    if (outputPadding.some((p, i) => p < 0 || p >= g.strides[i]!))
      ctx.unsupported(`inconsistent conv geometry (output_padding ${outputPadding.join(',')})`);
    gx = ctx.emitter.op('ConvTranspose', [gy, w], {
      strides: g.strides,
      dilations: g.dilations,
      pads: g.pads,
      group: ctx.attrInt('group', 1),
      kernel_shape: g.kernel,
      output_padding: outputPadding,
    });
  }
  const gb = b && ctx.needsGrad(2) ? reduceSum(ctx, gy, [0, ...g.inSpatial.map((_, i) => i + 2)], false) : undefined;
  return [gx, undefined, gb];
};
