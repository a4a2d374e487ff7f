import type { VjpRule } from '../vjp-rule';
import { type ResizeAxis, resizeAxisWeights } from './resize-axis-weights';

function isIdentity(m: Float64Array, n: number): boolean {
  return m.every((v, k) => v === (k % (n + 1) === 0 ? 1 : 0));
}

/**
 * Resize, nearest and linear modes (opset 13+, any rank): both act on each axis separately, y = A_k·x along
 * axis k with A_k the [out, in] interpolation matrix (resizeAxisWeights, as onnxruntime computes it), so
 * dx = A_kᵀ·dy along every resized axis: a MatMul by the constant A_k (last axis), by A_kᵀ from the left
 * (second-to-last axis), or between two Transposes that bring the axis last. Axes the node leaves as they
 * are (the batch, channels) are skipped. Refused: cubic mode, tf_crop_and_resize, antialias, axes and
 * keep_aspect_ratio_policy (opset 18), scales computed at run time, and resizing an axis that follows the batch.
 */
export const resizeVjp: VjpRule = (ctx) => {
  const gy = ctx.gradOutput(0);
  if (!gy || !ctx.needsGrad(0)) return [];
  if (ctx.node.input.slice(1).some((_, i) => ctx.needsGrad(i + 1)))
    ctx.unsupported('gradients w.r.t. roi, scales or sizes are not built');
  const mode = ctx.attrString('mode', 'nearest');
  if (mode !== 'nearest' && mode !== 'linear')
    return ctx.unsupported(`mode ${mode} is not supported (nearest and linear are)`);
  if (ctx.attrInt('antialias', 0) !== 0) ctx.unsupported('antialias is not supported');
  if (ctx.attrInts('axes', []).length > 0) ctx.unsupported('the axes attribute is not supported');
  if (ctx.attrString('keep_aspect_ratio_policy', 'stretch') !== 'stretch')
    ctx.unsupported('keep_aspect_ratio_policy other than stretch is not supported');
  const e = ctx.emitter;
  const [x, , scalesName] = ctx.node.input as [string, string | undefined, string | undefined];
  const xf = ctx.facts(x);
  const yf = ctx.facts(ctx.node.output[0]!);
  const rank = xf.dims.length;
  const scales = scalesName ? ctx.constantValue(scalesName) : undefined;
  if (scalesName && scales === undefined) ctx.unsupported('scales computed at run time are not supported');
  const axis = (k: number, inSize: number, outSize: number): ResizeAxis => ({
    inSize,
    outSize,
    scale: scales && scales.length > 0 ? scales[k]! : Math.fround(outSize / inSize),
    mode,
    coordinateTransformation: ctx.attrString('coordinate_transformation_mode', 'half_pixel'),
    nearestMode: ctx.attrString('nearest_mode', 'round_prefer_floor'),
  });
  let g = gy;
  for (let k = 0; k < rank; k++) {
    const [inSize, outSize] = [xf.dims[k]!, yf.dims[k]!];
    if (xf.dynamic[k]) {
      // The size follows the batch: only an identity mapping (checked on a stand-in size) can be handled.
      const m = resizeAxisWeights(axis(k, 4, 4));
      if (outSize !== inSize || typeof m === 'string' || (scales?.length && scales[k] !== 1) || !isIdentity(m, 4))
        ctx.unsupported(`axis ${k} follows the batch size and is resized`);
      continue;
    }
    const m = resizeAxisWeights(axis(k, inSize, outSize));
    if (typeof m === 'string') return ctx.unsupported(m);
    if (inSize === outSize && isIdentity(m, inSize)) continue;
    if (k === rank - 2) {
      const t = new Array<number>(inSize * outSize);
      for (let o = 0; o < outSize; o++) for (let i = 0; i < inSize; i++) t[i * outSize + o] = m[o * inSize + i]!;
      g = e.op('MatMul', [e.float(t, [inSize, outSize]), g]);
    } else {
      const a = e.float(Array.from(m), [outSize, inSize]);
      if (k === rank - 1) g = e.op('MatMul', [g, a]);
      else {
        const perm = Array.from({ length: rank }, (_, i) => (i === k ? rank - 1 : i === rank - 1 ? k : i));
        g = e.op('Transpose', [e.op('MatMul', [e.op('Transpose', [g], { perm }), a])], { perm });
      }
    }
  }
  return [g];
};
