import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { adjointConv } from './adjoint-conv';
import { convGeometry } from './conv-geometry';

/**
 * Conv (1-D, 2-D, 3-D; groups incl. depthwise, strides, dilations, asymmetric pads, auto_pad, kernel_shape
 * read from W when absent): y = x ⋆ W + B, linear in x, so dX is the transposed convolution of dY with the
 * same weights and geometry (adjointConv: a Conv with rearranged constant weights where it can, since
 * onnxruntime's Conv kernels are several times faster than its ConvTranspose, else a ConvTranspose); the
 * trailing rows a strided conv never reached get zero gradient.
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
  const constant = ctx.constantValue(w);
  const gx = ctx.needsGrad(0)
    ? adjointConv(ctx, {
        gy,
        weight: w,
        ...(constant ? { weightValues: constant } : {}),
        weightDims: ctx.facts(w).dims,
        group: ctx.attrInt('group', 1),
        geometry: g,
      })
    : undefined;
  const gb = b && ctx.needsGrad(2) ? reduceSum(ctx, gy, [0, ...g.inSpatial.map((_, i) => i + 2)], false) : undefined;
  return [gx, undefined, gb];
};
