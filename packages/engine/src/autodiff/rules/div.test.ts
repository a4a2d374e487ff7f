import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, type Feeds, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeFloatTensor } from '../../onnx/tensor-data';

const ONNX_TESTS = ['test_div', 'test_div_bcast', 'test_div_example'];
const EXCLUDED: Record<string, string> = { test_div_uint8: 'uint8 inputs: no float path to differentiate' };

/** Numerator in [−1, 1], denominator with 0.5 ≤ |b| ≤ 1.5. */
function feedsFor(aDims: number[], bDims: number[], seed: number): Feeds {
  const n = (d: number[]) => d.reduce((p, k) => p * k, 1);
  return {
    a: { dims: aDims, data: randomValues(n(aDims), seed) },
    b: { dims: bDims, data: randomValues(n(bDims), seed + 1).map((v) => Math.sign(v) * (0.5 + Math.abs(v))) },
  };
}

describe('divVjp', () => {
  it.each([
    { a: [2, 3, 4], b: [2, 3, 4] },
    { a: [2, 3, 4], b: [4] },
    { a: [3, 1], b: [2, 3, 4] },
    { a: [3, 1], b: [1, 4] },
    { a: [2, 3], b: [] },
    { a: [], b: [2, 3] },
  ])('matches finite differences for a $a / b $b', async ({ a, b }) => {
    const feeds = feedsFor(a, b, 21);
    // A broadcast numerator's gradient is a sum of terms of both signs, while float32 rounding scales with their
    // magnitudes: a 3e-3 step cuts it threefold, and the truncation error relative to d/db, ε²/b², stays ≤ 4e-5.
    const model = makeSingleOpModel({ op: 'Div', inputs: ['a', 'b'], feeds });
    const r = await checkVjp({ model, feeds, eps: 3e-3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Div', () => {
    expect(listOnnxTests(/^test_div(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 1/b and −a/b², summed over broadcast positions', async () => {
    const feeds = { a: { dims: [2], data: Float32Array.from([3, 1]) }, b: { dims: [], data: Float32Array.from([2]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Div', inputs: ['a', 'b'], feeds }),
      feeds,
      seed: [1, 1],
    });
    expect(Array.from(g.a!)).toEqual([0.5, 0.5]);
    expect(Array.from(g.b!)).toEqual([-1]); // −3/4 − 1/4
  });

  it('differentiates x / std with a constant per-channel divisor (image normalisation)', async () => {
    const feeds = { a: { dims: [1, 3, 2, 2], data: randomValues(12, 25) } };
    const constants = [makeFloatTensor('std', [3, 1, 1], [0.229, 0.224, 0.225])];
    const model = makeSingleOpModel({ op: 'Div', inputs: ['a', 'std'], feeds, constants });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
    const g = await backwardGradients({ model, feeds, seed: new Float32Array(12).fill(1) });
    expect(g.a![0]).toBeCloseTo(1 / 0.229, 4);
    expect(g.a![11]).toBeCloseTo(1 / 0.225, 4);
  });

  it('keeps a dynamic batch working with a per-channel divisor', async () => {
    const feeds = feedsFor([1, 3, 4], [3, 1], 23);
    const model = makeSingleOpModel({ op: 'Div', inputs: ['a', 'b'], feeds });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({
      model,
      feed: (n) => ({ a: { dims: [n, 3, 4], data: randomValues(n * 12, 24 + n) }, b: feeds.b! }),
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
