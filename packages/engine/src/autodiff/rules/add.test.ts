import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_add', 'test_add_bcast'];
const EXCLUDED: Record<string, string> = { test_add_uint8: 'uint8 inputs: no float path to differentiate' };

describe('addVjp', () => {
  it.each([
    { a: [2, 3, 4], b: [2, 3, 4] },
    { a: [2, 3, 4, 5], b: [3, 1, 1] },
    { a: [1, 5], b: [2, 3, 4, 5] },
    { a: [3, 1], b: [1, 4] },
    { a: [2, 3], b: [] },
  ])('matches finite differences for a $a + b $b', async ({ a, b }) => {
    const feeds = randomFeeds({ a, b }, 42);
    // y is linear in (a, b), for which central differences are exact: a 0.1 step has no truncation error and
    // keeps float32 rounding small next to a broadcast operand's gradient, a sum of seeds of both signs.
    const model = makeSingleOpModel({ op: 'Add', inputs: ['a', 'b'], feeds });
    const r = await checkVjp({ model, feeds, eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Add', () => {
    expect(listOnnxTests(/^test_add(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // The output is linear in the inputs, for which central differences are exact: a 0.1 step has no
    // truncation error, and the float32 rounding of a 1e-3 step on inputs up to 10 (≈5e-4 of it) disappears.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy, summed over the positions an operand was broadcast to', async () => {
    const feeds = randomFeeds({ a: [2, 3], b: [2, 1] }, 43);
    const model = makeSingleOpModel({ op: 'Add', inputs: ['a', 'b'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 3, 4, 5, 6] });
    expect(Array.from(g.a!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(g.b!)).toEqual([6, 15]);
  });

  it('keeps a dynamic batch working with a per-channel bias', async () => {
    const bias = { dims: [3, 1, 1], data: randomValues(3, 44) };
    const model = makeSingleOpModel({
      op: 'Add',
      inputs: ['a', 'b'],
      feeds: { a: { dims: [1, 3, 2, 2], data: bias.data }, b: bias },
    });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => ({ ...randomFeeds({ a: [n, 3, 2, 2] }, 45 + n), b: bias }) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
