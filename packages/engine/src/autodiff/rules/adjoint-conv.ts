import type { VjpContext } from '../vjp-rule';
import type { ConvGeometry } from './conv-geometry';
import { kernelOffsets } from './kernel-offsets';

export interface AdjointConvArgs {
  /** The gradient of the conv's output, [N, M, out…]. */
  readonly gy: string;
  /** The conv's weight tensor, [M, C/group, k…] (ONNX Conv layout); made from `weightValues` when absent. */
  readonly weight?: string;
  /** Its values when they are known at build time; they enable the faster Conv forms below. */
  readonly weightValues?: ArrayLike<number>;
  readonly weightDims: readonly number[];
  readonly group: number;
  /** The forward conv's geometry (auto_pad resolved); `inSpatial` is the size the result must have. */
  readonly geometry: ConvGeometry;
}

/**
 * The adjoint of a convolution with respect to its input: dx[i] = Σ over outputs o and kernel offsets κ with
 * i = o·s − pad_begin + κ·d of W[κ]·dy[o], summed over output channels of the group. Returns [N, C, in…]
 * (C = W's dim 1 × group); input positions no window reached get zero, windows overhanging the end
 * (ceil_mode) are cropped. Shared by the Conv rule and the pooling rules (whose scatter is a conv with
 * constant one-hot or all-ones weights). Equivalent forms, chosen by measurement on onnxruntime's CPU
 * kernels (backward graphs of the demo models at batch 16):
 * - one input channel (weight [M, 1, k…], group 1: a grayscale stem, the pooling scatters): ConvTranspose.
 *   As a Conv its adjoint has one output channel, which the blocked NCHWc Conv pads to a whole block, and
 *   the strided forms below add a DepthToSpace; ConvTranspose was 1.2–1.5× faster (tiny CNN, SoftPool);
 * - stride 1, constant weights: a plain Conv of dy with the weights transposed per group and flipped in
 *   space ("full" correlation);
 * - 2-D, one stride s > 1 on both axes, no dilation, constant weights, not depthwise: the sub-pixel
 *   (polyphase) form. Writing i + pad_begin = s·q + r, dx at phase r is a stride-1 full correlation of dy
 *   with the sub-kernel W[r::s] (length J = ceil(k/s), zero-filled), so one Conv with C·s² output channels
 *   computes every phase and DepthToSpace (CRD) interleaves them; a Slice drops the begin padding and any
 *   overhang. It does the same multiply-adds as the transposed convolution, and on dense convolutions
 *   onnxruntime's ConvTranspose is several times slower than its Conv;
 * - otherwise ConvTranspose(dy, W) with pads and output_padding chosen to give exactly `in`. That includes
 *   strided depthwise convolutions (EfficientNet's and MobileNet's downsampling blocks), where the few
 *   multiply-adds cost less than the DepthToSpace shuffle and its layout reorders: 1.5–3× faster there.
 */
export function adjointConv(ctx: VjpContext, a: AdjointConvArgs): string {
  const g = a.geometry;
  const r = g.inSpatial.length;
  const values = a.weightValues;
  // A conv reading one input channel (a grayscale stem, the pooling scatters) gives a one-channel adjoint,
  // which onnxruntime's blocked (NCHWc) Conv pads to a whole block of output channels.
  const oneInputChannel = a.weightDims[1] === 1 && a.group === 1;
  if (oneInputChannel) return convTransposeAdjoint(ctx, a);
  if (values && g.strides.every((s) => s === 1)) {
    const begin = g.kernel.map((k, i) => (k - 1) * g.dilations[i]! - g.pads[i]!);
    if (begin.every((b) => b >= 0)) return stride1Adjoint(ctx, a, values, begin);
  }
  const s = g.strides[0]!;
  const depthwise = a.weightDims[1] === 1;
  if (!depthwise && values && r === 2 && s > 1 && g.strides[1] === s && g.dilations.every((d) => d === 1))
    return subPixelAdjoint(ctx, a, values, s);
  return convTransposeAdjoint(ctx, a);
}

function stride1Adjoint(ctx: VjpContext, a: AdjointConvArgs, values: ArrayLike<number>, begin: number[]): string {
  const g = a.geometry;
  const r = g.inSpatial.length;
  // Conv output length per axis: out + begin + end − (k − 1)·d = in when end = in − out + pad_begin.
  const end = g.inSpatial.map((n, i) => Math.max(0, n - g.outSpatial[i]! + g.pads[i]!));
  const lengths = g.outSpatial.map((o, i) => o + begin[i]! + end[i]! - (g.kernel[i]! - 1) * g.dilations[i]!);
  const gx = ctx.emitter.op('Conv', [a.gy, transposedKernel(ctx, a, values, 1)], {
    dilations: g.dilations,
    pads: [...begin, ...end],
    group: a.group,
    kernel_shape: g.kernel,
  });
  return cropTo(ctx, gx, new Array<number>(r).fill(0), lengths, g.inSpatial);
}

function subPixelAdjoint(ctx: VjpContext, a: AdjointConvArgs, values: ArrayLike<number>, s: number): string {
  const g = a.geometry;
  const J = g.kernel.map((k) => Math.ceil(k / s));
  // Shift the phases by `shift` whole blocks so that the final slice starts inside the first block.
  const shift = g.pads.slice(0, 2).map((p, i) => Math.min(Math.floor(p / s), J[i]! - 1));
  const start = shift.map((q, i) => g.pads[i]! - s * q);
  const blocks = g.inSpatial.map((n, i) => Math.ceil((start[i]! + n) / s));
  const end = blocks.map((b, i) => Math.max(0, b - g.outSpatial[i]! + shift[i]!));
  const phases = ctx.emitter.op('Conv', [a.gy, transposedKernel(ctx, a, values, s)], {
    pads: [...J.map((j, i) => j - 1 - shift[i]!), ...end],
    group: a.group,
    kernel_shape: J,
  });
  const full = ctx.emitter.op('DepthToSpace', [phases], { blocksize: s, mode: 'CRD' });
  const lengths = g.outSpatial.map((o, i) => s * (o - shift[i]! + end[i]!));
  return cropTo(ctx, full, start, lengths, g.inSpatial);
}

/**
 * W [M, C/g, k…] → W′ [C·s^r, M/g, J…] with J = ceil(k/s):
 * W′[(gi·C/g + c)·s^r + phase(ρ), m, t] = W[gi·M/g + m, c, s·(J − 1 − t) + ρ] (zero past the kernel's end),
 * phase(ρ) the row-major index of ρ ∈ [0, s)^r. For s = 1 this is the kernel transposed per group and flipped.
 */
function transposedKernel(ctx: VjpContext, a: AdjointConvArgs, values: ArrayLike<number>, s: number): string {
  const [m, cg, ...k] = a.weightDims as [number, number, ...number[]];
  const r = k.length;
  const groups = a.group;
  const mg = m / groups;
  const J = k.map((kk) => Math.ceil(kk / s));
  const phases = s ** r;
  const jSize = J.reduce((p, v) => p * v, 1);
  const kSize = k.reduce((p, v) => p * v, 1);
  // For every (phase ρ, sub-kernel offset t) pair, row-major, the source offset inside a kernel, or −1 where
  // the sub-kernel is zero-filled (s·(J − 1 − t) + ρ past the kernel's end).
  const subOffsets = kernelOffsets(J);
  const source = Int32Array.from(
    kernelOffsets(new Array<number>(r).fill(s)).flatMap((rho) =>
      subOffsets.map((t) => {
        let src = 0;
        for (let i = 0; i < r; i++) {
          const ki = s * (J[i]! - 1 - t[i]!) + rho[i]!;
          if (ki >= k[i]!) return -1;
          src = src * k[i]! + ki;
        }
        return src;
      }),
    ),
  );
  const out = new Array<number>(cg * groups * phases * mg * jSize).fill(0);
  for (let gi = 0; gi < groups; gi++)
    for (let c = 0; c < cg; c++)
      for (let ph = 0; ph < phases; ph++)
        for (let mi = 0; mi < mg; mi++) {
          const dst = ((((gi * cg + c) * phases + ph) * mg + mi) * jSize) | 0;
          const srcBase = ((gi * mg + mi) * cg + c) * kSize;
          for (let t = 0; t < jSize; t++) {
            const off = source[ph * jSize + t]!;
            if (off >= 0) out[dst + t] = values[srcBase + off]!;
          }
        }
  return ctx.emitter.float(out, [cg * groups * phases, mg, ...J]);
}

function convTransposeAdjoint(ctx: VjpContext, a: AdjointConvArgs): string {
  const g = a.geometry;
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
    ctx.unsupported(`inconsistent conv geometry (output_padding ${outputPadding.join(',')})`);
  const weight = a.weight ?? ctx.emitter.float(Array.from(a.weightValues ?? []), a.weightDims);
  return ctx.emitter.op('ConvTranspose', [a.gy, weight], {
    strides: g.strides,
    dilations: g.dilations,
    pads: [...g.pads.slice(0, r), ...cropEnd],
    group: a.group,
    kernel_shape: g.kernel,
    output_padding: outputPadding,
  });
}

/** Slices the spatial axes of [N, C, len…] to [start, start + size) where that is not the whole tensor. */
function cropTo(ctx: VjpContext, t: string, start: number[], lengths: number[], sizes: number[]): string {
  if (start.every((s, i) => s === 0 && lengths[i] === sizes[i])) return t;
  const e = ctx.emitter;
  const axes = sizes.map((_, i) => i + 2);
  return e.op('Slice', [t, e.int64(start), e.int64(start.map((s, i) => s + sizes[i]!)), e.int64(axes)]);
}
