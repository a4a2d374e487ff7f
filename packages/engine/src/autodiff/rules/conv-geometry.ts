import type { VjpContext } from '../vjp-rule';

export interface ConvGeometry {
  readonly kernel: number[];
  readonly strides: number[];
  readonly dilations: number[];
  /** Explicit pads [begin…, end…], auto_pad resolved. */
  readonly pads: number[];
  readonly inSpatial: number[];
  readonly outSpatial: number[];
}

/**
 * The geometry of a Conv / pooling node with auto_pad resolved into explicit pads (ONNX spec: SAME_UPPER puts
 * the extra pad at the end, SAME_LOWER at the beginning). `kernelFromWeight` reads kernel_shape from W when absent.
 */
export function convGeometry(ctx: VjpContext, kernelFromWeight?: readonly number[]): ConvGeometry {
  const x = ctx.node.input[0]!;
  const y = ctx.node.output[0]!;
  const inSpatial = ctx.facts(x).dims.slice(2);
  const outSpatial = ctx.facts(y).dims.slice(2);
  const r = inSpatial.length;
  const kernel = ctx.attrInts('kernel_shape', kernelFromWeight ?? []);
  if (kernel.length !== r) ctx.unsupported(`kernel_shape has ${kernel.length} dims for ${r} spatial dims`);
  const strides = ctx.attrInts('strides', new Array(r).fill(1));
  const dilations = ctx.attrInts('dilations', new Array(r).fill(1));
  const autoPad = ctx.attrString('auto_pad', 'NOTSET');
  let pads = ctx.attrInts('pads', new Array(2 * r).fill(0));
  if (autoPad === 'VALID') pads = new Array(2 * r).fill(0);
  else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    pads = new Array(2 * r).fill(0);
    for (let i = 0; i < r; i++) {
      const out = Math.ceil(inSpatial[i]! / strides[i]!);
      const total = Math.max(0, (out - 1) * strides[i]! + (kernel[i]! - 1) * dilations[i]! + 1 - inSpatial[i]!);
      const small = Math.floor(total / 2);
      pads[i] = autoPad === 'SAME_UPPER' ? small : total - small;
      pads[i + r] = total - pads[i]!;
    }
  }
  return { kernel, strides, dilations, pads, inSpatial, outSpatial };
}
