import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_sub', 'test_sub_bcast', 'test_sub_example'];
const EXCLUDED: Record<string, string> = { test_sub_uint8: 'uint8 inputs: no float path to differentiate' };

describe('subVjp', () => {
  it.each([
    { a: [2, 3, 4], b: [2, 3, 4] },
    { a: [2, 3, 4, 5], b: [3, 1, 1] },
    { a: [1, 5], b: [2, 3, 4, 5] },
    { a: [3, 1], b: [1, 4] },
    { a: [], b: [2, 3] },
  ])('matches finite differences for a $a − b $b', async ({ a, b }) => {
    const feeds = randomFeeds({ a, b }, 46);
    // y is linear in (a, b), for which central differences are exact: a 0.1 step has no truncation error and
    // keeps float32 rounding small next to a broadcast operand's gradient, a sum of seeds of both signs.
    const model = makeSingleOpModel({ op: 'Sub', inputs: ['a', 'b'], feeds });
    const r = await checkVjp({ model, feeds, eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Sub', () => {
    expect(listOnnxTests(/^test_sub(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // The output is linear in the inputs, for which central differences are exact: a 0.1 step has no
    // truncation error, and the float32 rounding of a 1e-3 step on inputs up to 10 (≈5e-4 of it) disappears.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy and −dy, summed over the positions an operand was broadcast to', async () => {
    const feeds = randomFeeds({ a: [2, 3], b: [3] }, 47);
    const model = makeSingleOpModel({ op: 'Sub', inputs: ['a', 'b'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 3, 4, 5, 6] });
    expect(Array.from(g.a!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(g.b!)).toEqual([-5, -7, -9]);
  });
});
