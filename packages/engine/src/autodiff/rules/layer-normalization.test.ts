import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CheckVjpResult, checkVjp, type Feeds, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import type { TAttrValue } from '../../onnx/make-model';

function layerNormModel(dims: number[], axis: number | undefined, bias: boolean, epsilon?: number) {
  const rank = dims.length;
  const norm = dims.slice(axis === undefined ? rank - 1 : axis < 0 ? axis + rank : axis);
  const feeds = randomFeeds(bias ? { x: dims, scale: norm, bias: norm } : { x: dims, scale: norm });
  const attrs: Record<string, TAttrValue> = {};
  if (axis !== undefined) attrs.axis = axis;
  if (epsilon !== undefined) attrs.epsilon = { float: epsilon };
  const model = makeSingleOpModel({ op: 'LayerNormalization', inputs: Object.keys(feeds), feeds, attrs });
  return { model, feeds };
}

/** LayerNormalization by the ONNX spec in float64 (scale and bias shaped like the normalised dims). */
function layerNormF64(x: ArrayLike<number>, w: ArrayLike<number>, b: ArrayLike<number>, n: number, eps: number) {
  const y = new Float64Array(x.length);
  for (let g0 = 0; g0 < x.length; g0 += n) {
    let mu = 0;
    for (let i = 0; i < n; i++) mu += x[g0 + i]!;
    mu /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (x[g0 + i]! - mu) ** 2;
    const r = 1 / Math.sqrt(v / n + eps);
    for (let i = 0; i < n; i++) y[g0 + i] = (x[g0 + i]! - mu) * r * w[i]! + b[i]!;
  }
  return y;
}

/**
 * Largest relative error of onnxruntime's gradients against central differences of layerNormF64 in float64
 * (ε = 1e-6, so neither rounding nor truncation matters) along 8 random directions per tensor, with checkVjp's
 * measure |fd − ⟨g, v⟩| / Σ|g·v|. Used for the ONNX test models: their inputs have at most 32 values, so
 * checkVjp also checks every unit direction, and along those where one dx element is ~1e-3 of the largest,
 * the float32 forward's rounding (~1e-7 of Σ|seed·y|, divided by 2ε) alone exceeds 1e-3 of that element —
 * an artefact of float32 differences, not of the rule.
 */
function maxErrAgainstF64(feeds: Feeds, r: CheckVjpResult, n: number, eps: number): number {
  const seed = randomValues(r.output.length, 7919);
  const base = { X: feeds.X!.data, W: feeds.W!.data, B: feeds.B!.data };
  const S = (t: typeof base) => layerNormF64(t.X, t.W, t.B, n, eps).reduce((a, yi, i) => a + seed[i]! * yi, 0);
  let worst = 0;
  for (const name of ['X', 'W', 'B'] as const) {
    const g = r.gradients[name]!;
    for (let k = 0; k < 8; k++) {
      const v = randomValues(g.length, 31 + k);
      const at = (sign: number) => ({
        ...base,
        [name]: Float64Array.from(base[name], (t, i) => t + sign * 1e-6 * v[i]!),
      });
      const fd = (S(at(1)) - S(at(-1))) / 2e-6;
      const an = g.reduce((a, gi, i) => a + gi * v[i]!, 0);
      const scale = g.reduce((a, gi, i) => a + Math.abs(gi * v[i]!), 0);
      worst = Math.max(worst, Math.abs(fd - an) / Math.max(scale, Math.abs(fd), 1e-6));
    }
  }
  return worst;
}

// The *_expanded models are LayerNormalization written out as elementary ops (ReduceMean, Sub, Pow, Div…):
// they test those ops' rules, not this one, so only the models with the LayerNormalization node are used.
const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter(
  (t) => t.startsWith('test_layer_normalization_') && !t.endsWith('_expanded'),
);

describe('layerNormalizationVjp', () => {
  it.each([
    { dims: [2, 3, 6], axis: undefined, bias: true },
    { dims: [3, 3, 4], axis: 1, bias: true, epsilon: 0.1 },
    { dims: [4, 9], axis: 0, bias: false },
    { dims: [2, 3, 3, 2], axis: -2, bias: true, epsilon: 1e-3 },
  ])('matches finite differences for x $dims, axis $axis, bias $bias, epsilon $epsilon', async (c) => {
    const { model, feeds } = layerNormModel(c.dims, c.axis, c.bias, c.epsilon);
    const r = await checkVjp({ model, feeds, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    expect(Object.keys(feeds)).toEqual(['X', 'W', 'B']);
    const r = await checkVjp({ model, feeds, directions: 2 });
    const node = model.graph.node[0]!;
    const rank = feeds.X!.dims.length;
    const axis = node.attribute.find((a) => a.name === 'axis')?.i ?? -1;
    const n = feeds.X!.dims.slice(axis < 0 ? axis + rank : axis).reduce((a, d) => a * d, 1);
    const eps = node.attribute.find((a) => a.name === 'epsilon')?.f ?? 1e-5;
    expect(maxErrAgainstF64(feeds, r, n, eps)).toBeLessThan(1e-3);
    // The float32 differences themselves, unit directions included (see maxErrAgainstF64 for why not 1e-3
    // here; the worst of these models gives 3e-2): a wrong rule gives errors of order 1.
    expect(r.maxRelErr).toBeLessThan(0.1);
  });

  it('gives dx summing to zero over each normalised group (y does not change when x shifts)', async () => {
    const { model, feeds } = layerNormModel([3, 6], -1, true);
    const r = await checkVjp({ model, feeds, wrt: ['x'] });
    for (let row = 0; row < 3; row++) {
      const g = r.gradients.x!.slice(row * 6, row * 6 + 6);
      const size = g.reduce((a, v) => a + Math.abs(v), 0);
      expect(size).toBeGreaterThan(0.1);
      expect(Math.abs(g.reduce((a, v) => a + v, 0))).toBeLessThan(1e-6 * size * 10);
    }
  });

  it('keeps a dynamic batch working, summing dscale and dbias over the batch', async () => {
    const { model } = layerNormModel([1, 3, 4], -1, true);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({
      model,
      feed: (n) => randomFeeds({ x: [n, 3, 4], scale: [4], bias: [4] }, n),
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('refuses a gradient through the Mean output, naming it', async () => {
    const { model, feeds } = layerNormModel([2, 4], -1, true);
    model.graph.node[0]!.output = ['y_main', 'y'];
    await expect(checkVjp({ model, feeds })).rejects.toThrow(/Mean \/ InvStdDev outputs are differentiated/);
  });
});
