import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';

function reduceSumModel(dims: number[], axes: number[] | undefined, attrs: Record<string, number> = {}) {
  const feeds = randomFeeds({ x: dims });
  const constants = axes ? [makeInt64Tensor('axes', [axes.length], axes)] : [];
  const model = makeSingleOpModel({ op: 'ReduceSum', inputs: axes ? ['x', 'axes'] : ['x'], feeds, constants, attrs });
  return { model, feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter(
  (t) => t.startsWith('test_reduce_sum_') && !t.includes('square'),
);

describe('reduceSumVjp', () => {
  it.each<{ dims: number[]; axes: number[] | undefined; attrs: Record<string, number> }>([
    { dims: [2, 3, 4], axes: [1], attrs: {} },
    { dims: [2, 3, 4], axes: [-1, 0], attrs: { keepdims: 0 } },
    { dims: [2, 3, 4], axes: [2, 1], attrs: { keepdims: 1 } },
    { dims: [3, 4], axes: undefined, attrs: { keepdims: 0 } },
    { dims: [3, 4], axes: [], attrs: {} },
    { dims: [3, 4], axes: [], attrs: { noop_with_empty_axes: 1 } },
    { dims: [3, 4], axes: undefined, attrs: { noop_with_empty_axes: 1, keepdims: 0 } },
  ])('matches finite differences for $dims over axes $axes, $attrs', async ({ dims, axes, attrs }) => {
    const { model, feeds } = reduceSumModel(dims, axes, attrs);
    const r = await checkVjp({ model, feeds, eps: 1e-2 }); // linear: see expand.test.ts on ε
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('passes each output gradient to every element it summed', async () => {
    const { model, feeds } = reduceSumModel([2, 3], [1], { keepdims: 0 });
    const r = await checkVjp({ model, feeds, seed: 10 });
    const [s0, s1] = randomValues(2, 10 * 7919);
    expect([...r.gradients.x!]).toEqual([s0, s0, s0, s1, s1, s1]);
  });

  it('keeps a dynamic batch working, also when the batch axis is reduced', async () => {
    for (const axes of [[1, 2], [0], undefined]) {
      const { model } = reduceSumModel([1, 3, 4], axes, { keepdims: 0 });
      model.graph.input[0]!.shape![0] = { param: 'N' };
      const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n), eps: 1e-2 });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });
});
