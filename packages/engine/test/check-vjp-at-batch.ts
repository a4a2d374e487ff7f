import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../src/autodiff/build-backward-graph';
import { probeShapeTableWith } from '../src/autodiff/probe-shape-table';
import { encodeOnnxModel } from '../src/onnx/encode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { type Feeds, randomValues } from './check-vjp';

export interface CheckVjpAtBatchOptions {
  readonly model: OnnxModel;
  /** Feeds at a batch size; the graph is built from probes at batch 1 and 2, so dims that follow the batch are seen. */
  readonly feed: (batch: number) => Feeds;
  /** The batch size the built graph is checked at (default 3, a size the builder never saw). */
  readonly batch?: number;
  readonly wrt?: readonly string[];
  readonly output?: string;
  readonly directions?: number;
  readonly eps?: number;
}

function toOrt(feeds: Feeds): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', v.data, v.dims)]));
}

/**
 * Like checkVjp, for graphs with a dynamic batch: builds the backward graph from probes at batch 1 and 2, then
 * compares its gradients at another batch size with central finite differences along random directions
 * (same tolerance rationale as checkVjp). A rule that bakes a batch-dependent dim into a constant fails here,
 * either when onnxruntime runs the graph or in the comparison.
 */
export async function checkVjpAtBatch(o: CheckVjpAtBatchOptions): Promise<{ maxRelErr: number; checks: number }> {
  const feeds = o.feed(o.batch ?? 3);
  const output = o.output ?? o.model.graph.output[0]!.name;
  const wrt = o.wrt ?? Object.keys(feeds);
  const shapes = await probeShapeTableWith(o.model, o.feed);
  const bg = buildBackwardGraph({ model: o.model, output, wrt, shapes });
  const back = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
  const fwd = await ort.InferenceSession.create(encodeOnnxModel(o.model));
  try {
    const y = (await fwd.run(toOrt(feeds), [output]))[output]!;
    const seed = randomValues(y.data.length, 7919);
    const res = await back.run({ ...toOrt(feeds), [bg.seedInput]: new ort.Tensor('float32', seed, y.dims) });
    const S = async (f: Feeds) => {
      const v = (await fwd.run(toOrt(f), [output]))[output]!.data as Float32Array;
      return v.reduce((s, vi, i) => s + seed[i]! * vi, 0);
    };
    const eps = o.eps ?? 1e-3;
    let maxRelErr = 0;
    let checks = 0;
    let dirSeed = 104729;
    for (const w of wrt) {
      const x = feeds[w]!;
      const g = res[bg.gradients[w]!]!.data as Float32Array;
      if (g.length !== x.data.length) throw new Error(`gradient of ${w} has ${g.length} values for ${x.data.length}`);
      for (let k = 0; k < (o.directions ?? 4); k++) {
        const v = randomValues(x.data.length, dirSeed++);
        const at = (sign: number) => ({
          ...feeds,
          [w]: { dims: x.dims, data: Float32Array.from(x.data, (xi, i) => xi + sign * eps * v[i]!) },
        });
        const fd = ((await S(at(1))) - (await S(at(-1)))) / (2 * eps);
        let an = 0;
        let scale = 0;
        for (let i = 0; i < g.length; i++) {
          an += g[i]! * v[i]!;
          scale += Math.abs(g[i]! * v[i]!);
        }
        maxRelErr = Math.max(maxRelErr, Math.abs(fd - an) / Math.max(scale, Math.abs(fd), 1e-6));
        checks++;
      }
    }
    return { maxRelErr, checks };
  } finally {
    await back.release();
    await fwd.release();
  }
}
