import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../src/autodiff/build-backward-graph';
import { probeShapeTableWith } from '../src/autodiff/probe-shape-table';
import { encodeOnnxModel } from '../src/onnx/encode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import type { Feeds } from './check-vjp';

export interface BackwardGradientsOptions {
  readonly model: OnnxModel;
  readonly feeds: Feeds;
  /** The gradient of the first graph output (same number of values). */
  readonly seed: ArrayLike<number>;
  /** Default: every fed input. */
  readonly wrt?: readonly string[];
  readonly reluMode?: 'standard' | 'guided';
}

/**
 * Runs the backward graph of a model once with a chosen seed and returns the gradients by tensor, for analytic
 * spot checks (e.g. seed = one-hot picks one row of the Jacobian).
 */
export async function backwardGradients(o: BackwardGradientsOptions): Promise<Record<string, Float32Array>> {
  const output = o.model.graph.output[0]!.name;
  const wrt = o.wrt ?? Object.keys(o.feeds);
  const shapes = await probeShapeTableWith(o.model, () => o.feeds);
  const bg = buildBackwardGraph({ model: o.model, output, wrt, shapes, reluMode: o.reluMode ?? 'standard' });
  const session = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(o.feeds)) feeds[name] = new ort.Tensor('float32', f.data, f.dims);
    feeds[bg.seedInput] = new ort.Tensor('float32', Float32Array.from(o.seed), [...shapes.get(output)!.dims]);
    const res = await session.run(feeds);
    return Object.fromEntries(wrt.map((w) => [w, res[bg.gradients[w]!]!.data as Float32Array]));
  } finally {
    await session.release();
  }
}
