import { reduceSum } from '../rule-helpers';
import type { VjpRule } from '../vjp-rule';

/**
 * ConvTranspose with explicit pads: y = convᵀ(x, W) + B is the adjoint of Conv(·, W) with the same strides,
 * dilations, pads and groups, so dX = Conv(dY, W) (ConvTranspose's W [C_in, C_out/g, k…] is exactly Conv's
 * [M = C_in, C/g = C_out/g, k…]). Its size is floor((s·(X − 1) + output_padding)/s) + 1 = X since
 * output_padding < stride; the output_padding rows only ever see zero-padded dY. dB = Σ dY over the batch
 * and every spatial position. auto_pad SAME_* and output_shape leave the split of the padding between the
 * two ends to the runtime (the spec and onnxruntime have disagreed on it), so they are refused.
 */
export const convTransposeVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy) return [];
  if (ctx.needsGrad(1))
    ctx.unsupported('the gradient w.r.t. the weights is not built (only w.r.t. the input and bias)');
  const [x, w, b] = ctx.node.input as [string, string, string | undefined];
  const inSpatial = ctx.facts(x).dims.slice(2);
  const r = inSpatial.length;
  const autoPad = ctx.attrString('auto_pad', 'NOTSET');
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER' || ctx.attrInts('output_shape', []).length > 0)
    ctx.unsupported(
      `auto_pad ${autoPad === 'NOTSET' ? 'with output_shape' : autoPad} leaves the padding split to the runtime; export with explicit pads`,
    );
  const kernel = ctx.attrInts('kernel_shape', ctx.facts(w).dims.slice(2));
  const strides = ctx.attrInts('strides', new Array(r).fill(1));
  const dilations = ctx.attrInts('dilations', new Array(r).fill(1));
  const pads = autoPad === 'VALID' ? new Array(2 * r).fill(0) : ctx.attrInts('pads', new Array(2 * r).fill(0));
  const outputPadding = ctx.attrInts('output_padding', new Array(r).fill(0));
  if (outputPadding.some((p, i) => p >= strides[i]!))
    ctx.unsupported(`output_padding ${outputPadding.join(',')} is not smaller than the strides`);
  const gx = ctx.needsGrad(0)
    ? ctx.emitter.op('Conv', [gy, w], {
        strides,
        dilations,
        pads,
        group: ctx.attrInt('group', 1),
        kernel_shape: kernel,
      })
    : undefined;
  const gb = b && ctx.needsGrad(2) ? reduceSum(ctx, gy, [0, ...inSpatial.map((_, i) => i + 2)], false) : undefined;
  return [gx, undefined, gb];
};
