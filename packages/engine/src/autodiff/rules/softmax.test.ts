import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = [
  'test_softmax_axis_0',
  'test_softmax_axis_1',
  'test_softmax_axis_2',
  'test_softmax_default_axis',
  'test_softmax_example',
  'test_softmax_negative_axis',
];
// The same models written as Constant, ReduceMax, Sub, Exp, ReduceSum, Div: they check those rules together.
const EXPANDED = ONNX_TESTS.map((t) => `${t}_expanded`);
// Inputs of 10⁴ sit where float32 spacing (1e-3) is the size of a finite-difference step, so these are checked
// through shift invariance instead: softmax of a row plus a constant is unchanged, and so is its gradient.
const LARGE = ['test_softmax_large_number', 'test_softmax_large_number_expanded'];

describe('softmaxVjp', () => {
  // [2, 3, 6] has more than 32 values, so the harness checks random directions only: along one axis the
  // derivative can nearly cancel (y_j small, or seed_j close to the seed's mean under y) while the float32
  // rounding of the whole normalised group does not, which makes a per-element ratio meaningless.
  it.each([undefined, 0, 1, 2, -1, -2])('matches finite differences along axis %s of [2, 3, 6]', async (axis) => {
    const feeds = randomFeeds({ x: [2, 3, 6] }, 39);
    feeds.x!.data = feeds.x!.data.map((v) => v * 3);
    const attrs: Record<string, number> = axis === undefined ? {} : { axis };
    const model = makeSingleOpModel({ op: 'Softmax', inputs: ['x'], feeds, attrs });
    const r = await checkVjp({ model, feeds, directions: 8 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Softmax', () => {
    expect(listOnnxTests(/^test_softmax(_|$)/)).toEqual([...ONNX_TESTS, ...EXPANDED, ...LARGE].sort());
  });

  it.each([...ONNX_TESTS, ...EXPANDED])('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each([-1, 0])('keeps a dynamic batch working along axis %s of [N, 5]', async (axis) => {
    const model = makeSingleOpModel({
      op: 'Softmax',
      inputs: ['x'],
      feeds: randomFeeds({ x: [1, 5] }),
      attrs: { axis },
    });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 5] }, 53 + n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(LARGE)('on ONNX test model %s, gives the gradient at its rows shifted to start at 0', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const { dims, data } = feeds.x!;
    expect(Math.max(...data)).toBeGreaterThan(9999);
    const n = dims[dims.length - 1]!;
    const shifted = {
      x: { dims, data: data.map((v, i) => v - Math.min(...data.subarray(i - (i % n), i - (i % n) + n))) },
    };
    // With 8 values the harness also checks each element alone, dividing by that one gradient component: harness
    // seed 3 leaves none below 5e-3 (asserted), so the ratios are well conditioned; a 1e-2 step cuts rounding tenfold.
    const r = await checkVjp({ model, feeds: shifted, seed: 3, eps: 1e-2 });
    expect(Math.min(...Array.from(r.gradients.x!, Math.abs))).toBeGreaterThan(5e-3);
    expect(r.maxRelErr).toBeLessThan(1e-3);
    const seed = randomValues(data.length, 51);
    const atLarge = await backwardGradients({ model, feeds, seed });
    const atShifted = await backwardGradients({ model, feeds: shifted, seed });
    atLarge.x!.forEach((g, i) => {
      expect(g).toBeCloseTo(atShifted.x![i]!, 6);
    });
  });

  it('gives y_k (δ_kj − y_j) for a one-hot seed at k', async () => {
    const feeds = { x: { dims: [1, 3], data: Float32Array.from([0, 1, 2]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Softmax', inputs: ['x'], feeds }),
      feeds,
      seed: [0, 0, 1],
    });
    const e = [1, Math.E, Math.E ** 2];
    const y = e.map((v) => v / (e[0]! + e[1]! + e[2]!));
    for (const j of [0, 1, 2]) expect(g.x![j]).toBeCloseTo(y[2]! * ((j === 2 ? 1 : 0) - y[j]!), 6);
  });
});
