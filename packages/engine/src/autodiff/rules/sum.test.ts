import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_sum_example', 'test_sum_one_input', 'test_sum_two_inputs'];

describe('sumVjp', () => {
  it.each<{ shapes: Record<string, number[]> }>([
    { shapes: { a: [2, 3, 4] } },
    { shapes: { a: [2, 3, 4], b: [2, 3, 4] } },
    { shapes: { a: [2, 3, 4], b: [3, 1], c: [4], d: [] } },
    { shapes: { a: [3, 1], b: [1, 4], c: [2, 1, 1] } },
  ])('matches finite differences for inputs $shapes', async ({ shapes }) => {
    const feeds = randomFeeds(shapes, 33);
    const model = makeSingleOpModel({ op: 'Sum', inputs: Object.keys(shapes), feeds });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Sum', () => {
    expect(listOnnxTests(/^test_sum(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // The output is linear in the inputs, for which central differences are exact: a 0.1 step has no
    // truncation error, and the float32 rounding of a 1e-3 step on inputs up to 10 (≈5e-4 of it) disappears.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives every input dy, summed over the positions it was broadcast to', async () => {
    const feeds = randomFeeds({ a: [2, 3], b: [3], c: [] }, 34);
    const model = makeSingleOpModel({ op: 'Sum', inputs: ['a', 'b', 'c'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 3, 4, 5, 6] });
    expect(Array.from(g.a!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(g.b!)).toEqual([5, 7, 9]);
    expect(Array.from(g.c!)).toEqual([21]);
  });
});
