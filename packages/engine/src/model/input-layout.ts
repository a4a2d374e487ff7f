import type { OnnxValueInfo } from '../onnx/onnx-types';

export type TInputLayout = 'NCHW' | 'NHWC';

const channelCounts = new Set([1, 3]);

/**
 * The layout of a 4-D image input: 'NHWC' (channels last, as Keras / TensorFlow models exported with tf2onnx take
 * them) when the last dim is a fixed 1 or 3 and the second is not; otherwise 'NCHW', PyTorch's layout.
 */
export function inputLayout(input: OnnxValueInfo): TInputLayout {
  const dim = (i: number) => input.shape?.[i]?.value;
  const last = dim(3);
  const second = dim(1);
  return last !== undefined && channelCounts.has(last) && !(second !== undefined && channelCounts.has(second))
    ? 'NHWC'
    : 'NCHW';
}

/** The input's [channels, height, width] dims (possibly dynamic or unknown) in its layout's order. */
export function channelsHeightWidth(input: OnnxValueInfo | undefined, layout: TInputLayout) {
  const [, a, b, c] = input?.shape ?? [];
  return layout === 'NHWC' ? { c, h: a, w: b } : { c: a, h: b, w: c };
}
