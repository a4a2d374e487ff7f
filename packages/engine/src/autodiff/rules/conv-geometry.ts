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
 * Calls ctx.unsupported when the probed output size contradicts the geometry.
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
  // The probed output size must agree with the resolved geometry (floor, or up to ceil with ceil_mode): when
  // it does not (onnxruntime's pooling with auto_pad SAME and dilations > 1 pads differently from the ONNX
  // formula), the window positions are unknown and no gradient can be placed.
  for (let i = 0; i < r; i++) {
    const span = inSpatial[i]! + pads[i]! + pads[i + r]! - ((kernel[i]! - 1) * dilations[i]! + 1);
    const floor = Math.floor(span / strides[i]!) + 1;
    const ceil = ctx.attrInt('ceil_mode', 0) ? Math.ceil(span / strides[i]!) + 1 : floor;
    const out = outSpatial[i]!;
    if (out < floor || out > ceil)
      ctx.unsupported(
        `the output size ${out} on spatial axis ${i} does not follow from kernel ${kernel[i]}, stride ${strides[i]}, dilation ${dilations[i]} and pads ${pads[i]}+${pads[i + r]} (auto_pad ${autoPad})`,
      );
  }
  return { kernel, strides, dilations, pads, inSpatial, outSpatial };
}
