import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../src/autodiff/build-backward-graph';
import { probeShapeTableWith } from '../src/autodiff/probe-shape-table';
import { encodeOnnxModel } from '../src/onnx/encode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { randomValues } from './check-vjp';

export interface CheckBatchInvarianceOptions {
  /** A model whose input `input` has a symbolic batch dim. */
  readonly model: OnnxModel;
  readonly input: string;
  /** The input's dims after the batch dim. */
  readonly sampleDims: readonly number[];
  /** Default: the first graph output. */
  readonly output?: string;
  /** Batch size of the run compared with single-sample runs (default 3). */
  readonly batch?: number;
}

/**
 * Guards against a rule baking the batch size into a constant: builds the backward graph from probes at
 * batch 1 and 2, runs it at a larger batch, and returns the largest |difference| between each sample's
 * gradient and the gradient of the same sample run alone (0 up to float rounding when the rule is right).
 */
export async function checkBatchInvariance(o: CheckBatchInvarianceOptions): Promise<number> {
  const output = o.output ?? o.model.graph.output[0]!.name;
  const per = o.sampleDims.reduce((a, d) => a * d, 1);
  const shapes = await probeShapeTableWith(o.model, (n) => ({
    [o.input]: { dims: [n, ...o.sampleDims], data: randomValues(n * per, 17 + n) },
  }));
  const bg = buildBackwardGraph({ model: o.model, output, wrt: [o.input], shapes });
  const outFacts = shapes.get(output)!;
  const outPer = outFacts.dims.reduce((a, d, i) => (i === 0 ? a : a * d), 1);
  const n = o.batch ?? 3;
  const x = randomValues(n * per, 23);
  const seed = randomValues(n * outPer, 29);
  const session = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
  try {
    const run = async (data: Float32Array, s: Float32Array, b: number) => {
      const res = await session.run({
        [o.input]: new ort.Tensor('float32', data, [b, ...o.sampleDims]),
        [bg.seedInput]: new ort.Tensor('float32', s, [b, ...outFacts.dims.slice(1)]),
      });
      return res[bg.gradients[o.input]!]!.data as Float32Array;
    };
    const all = await run(x, seed, n);
    let maxDiff = 0;
    for (let b = 0; b < n; b++) {
      const one = await run(x.slice(b * per, (b + 1) * per), seed.slice(b * outPer, (b + 1) * outPer), 1);
      for (let i = 0; i < per; i++) maxDiff = Math.max(maxDiff, Math.abs(all[b * per + i]! - one[i]!));
    }
    return maxDiff;
  } finally {
    await session.release();
  }
}
