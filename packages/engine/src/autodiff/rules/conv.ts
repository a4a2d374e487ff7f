import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';
import { convGeometry } from './conv-geometry';

/**
 * Conv (1-D, 2-D, 3-D; groups incl. depthwise, strides, dilations, asymmetric pads, auto_pad, kernel_shape
 * read from W when absent): y = x ⋆ W + B, linear in x, so dX is the transposed convolution of dY with the
 * same weights and geometry, ConvTranspose(dY, W) (Conv's W [M, C/g, k…] is exactly ConvTranspose's
 * [C_in = M, C_out/g = C/g, k…]). output_padding = in − (s·(out − 1) + (k − 1)·d + 1 − pads) restores X's
 * exact size: the trailing rows a strided conv never reached get zero gradient (always < stride).
 * For stride 1 with constant weights the same result is computed as a plain Conv of dY with the weights
 * transposed per group and flipped in space, padded by (k − 1)·d − pad ("full" correlation): onnxruntime's
 * Conv kernels are several times faster than its ConvTranspose, and most convs in classifiers have stride 1.
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
    const flipped = g.strides.every((st) => st === 1) ? flippedWeights(ctx, w) : undefined;
    const fullPads = g.pads.map((p, i) => (g.kernel[i % r]! - 1) * g.dilations[i % r]! - p);
    gx =
      flipped && fullPads.every((p) => p >= 0)
        ? ctx.emitter.op('Conv', [gy, flipped], {
            dilations: g.dilations,
            pads: fullPads,
            group: ctx.attrInt('group', 1),
            kernel_shape: g.kernel,
          })
        : ctx.emitter.op('ConvTranspose', [gy, w], {
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

/**
 * W [M, C/g, k…] → W′ [C, M/g, k…] with W′[gi·C/g + c, m, κ] = W[gi·M/g + m, c, k − 1 − κ] (every spatial
 * axis reversed): the kernel of the adjoint of a stride-1 convolution. Undefined when W is not a constant.
 */
function flippedWeights(ctx: Parameters<VjpRule>[0], w: string): string | undefined {
  const values = ctx.constantValue(w);
  if (!values) return undefined;
  const dims = ctx.facts(w).dims;
  const [m, cg, ...k] = dims as [number, number, ...number[]];
  const groups = ctx.attrInt('group', 1);
  const mg = m / groups;
  const c = cg * groups;
  const ks = k.reduce((a, v) => a * v, 1);
  const strides = k.map((_, i) => k.slice(i + 1).reduce((a, v) => a * v, 1));
  const out = new Float32Array(values.length);
  for (let gi = 0; gi < groups; gi++)
    for (let ci = 0; ci < cg; ci++)
      for (let mi = 0; mi < mg; mi++) {
        const src = ((gi * mg + mi) * cg + ci) * ks;
        const dst = ((gi * cg + ci) * mg + mi) * ks;
        for (let p = 0; p < ks; p++) {
          // reverse every spatial axis: index p with digits κ_i → digits k_i − 1 − κ_i
          let q = 0;
          let rest = p;
          for (let i = 0; i < k.length; i++) {
            const digit = Math.floor(rest / strides[i]!);
            rest -= digit * strides[i]!;
            q += (k[i]! - 1 - digit) * strides[i]!;
          }
          out[dst + q] = values[src + p]!;
        }
      }
  return ctx.emitter.float(Array.from(out), [c, mg, ...k]);
}
