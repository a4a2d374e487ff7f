import * as ort from 'onnxruntime-node';
import { buildBackwardGraph } from '../src/autodiff/build-backward-graph';
import { probeShapeTableWith } from '../src/autodiff/probe-shape-table';
import { encodeOnnxModel } from '../src/onnx/encode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';

export type Feeds = Record<string, { dims: number[]; data: Float32Array }>;

export interface CheckVjpOptions {
  readonly model: OnnxModel;
  readonly feeds: Feeds;
  /** Tensors to differentiate with respect to; default: every fed input. */
  readonly wrt?: readonly string[];
  /** Default: the first graph output. */
  readonly output?: string;
  /** Random directions per tensor (default 4); tensors of at most 32 values are also checked along every axis. */
  readonly directions?: number;
  readonly eps?: number;
  readonly reluMode?: 'standard' | 'guided';
  readonly seed?: number;
}

export interface CheckVjpResult {
  /** Largest |fd − analytic| / scale over all checked directions, scale = Σ|g·v| (no cancellation bonus). */
  readonly maxRelErr: number;
  readonly checks: number;
  readonly gradients: Record<string, Float32Array>;
  readonly output: Float32Array;
}

/** Deterministic uniform [-1, 1) values (mulberry32). */
export function randomValues(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

function toOrt(feeds: Feeds): Record<string, ort.Tensor> {
  return Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', v.data, v.dims)]));
}

/**
 * Checks a backward graph against central finite differences computed with onnxruntime on the forward graph:
 * for S(x) = Σ seed ⊙ f(x), compares (S(x + εv) − S(x − εv)) / 2ε with ⟨∂S/∂x, v⟩ along random directions v.
 *
 * Tolerance (used by the tests, 1e-3 relative to Σ|g·v|): the forward pass runs in float32, so S carries a
 * rounding error of about 1e-7·Σ|seed·f|; divided by 2ε (ε = 1e-3) that is ≈ 5e-5 of the scale, and the
 * truncation error ε²·S'''/6 is ≈ 1e-7 for the smooth ops tested. 1e-3 leaves a 20× margin over rounding
 * while any wrong rule (a missing factor, a transposed index) gives errors of order 1.
 */
export async function checkVjp(o: CheckVjpOptions): Promise<CheckVjpResult> {
  const output = o.output ?? o.model.graph.output[0]!.name;
  const wrt = o.wrt ?? Object.keys(o.feeds);
  const shapes = await probeShapeTableWith(o.model, () => o.feeds);
  const bg = buildBackwardGraph({ model: o.model, output, wrt, shapes, reluMode: o.reluMode ?? 'standard' });
  const outFacts = shapes.get(output)!;
  const seedSize = outFacts.dims.reduce((a, d) => a * d, 1);
  const seed = randomValues(seedSize, (o.seed ?? 1) * 7919);
  const back = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
  const fwd = await ort.InferenceSession.create(encodeOnnxModel(o.model));
  try {
    const res = await back.run({
      ...toOrt(o.feeds),
      [bg.seedInput]: new ort.Tensor('float32', seed, [...outFacts.dims]),
    });
    const gradients: Record<string, Float32Array> = {};
    for (const w of wrt) gradients[w] = res[bg.gradients[w]!]!.data as Float32Array;
    const S = async (feeds: Feeds) => {
      const y = (await fwd.run(toOrt(feeds), [output]))[output]!.data as Float32Array;
      let s = 0;
      for (let i = 0; i < y.length; i++) s += seed[i]! * y[i]!;
      return s;
    };
    const eps = o.eps ?? 1e-3;
    let maxRelErr = 0;
    let checks = 0;
    let dirSeed = (o.seed ?? 1) * 104729;
    for (const w of wrt) {
      const x = o.feeds[w]!;
      const g = gradients[w]!;
      const dirs: Float32Array[] = [];
      for (let k = 0; k < (o.directions ?? 4); k++) dirs.push(randomValues(x.data.length, dirSeed++));
      if (x.data.length <= 32) {
        for (let i = 0; i < x.data.length; i++) {
          const v = new Float32Array(x.data.length);
          v[i] = 1;
          dirs.push(v);
        }
      }
      for (const v of dirs) {
        const plus = Float32Array.from(x.data, (xi, i) => xi + eps * v[i]!);
        const minus = Float32Array.from(x.data, (xi, i) => xi - eps * v[i]!);
        const fd =
          ((await S({ ...o.feeds, [w]: { dims: x.dims, data: plus } })) -
            (await S({ ...o.feeds, [w]: { dims: x.dims, data: minus } }))) /
          (2 * eps);
        let an = 0;
        let scale = 0;
        for (let i = 0; i < g.length; i++) {
          an += g[i]! * v[i]!;
          scale += Math.abs(g[i]! * v[i]!);
        }
        const err = Math.abs(fd - an) / Math.max(scale, Math.abs(fd), 1e-6);
        maxRelErr = Math.max(maxRelErr, err);
        checks++;
      }
    }
    return { maxRelErr, checks, gradients, output: res[output]!.data as Float32Array };
  } finally {
    await back.release();
    await fwd.release();
  }
}
