import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';

/** ReduceMean with its axes as an attribute (opset 13) or as an input (opset 18). */
function reduceMeanModel(dims: number[], axes: number[] | undefined, attrs: Record<string, number>, opset: 13 | 18) {
  const feeds = randomFeeds({ x: dims });
  const asInput = opset === 18 && axes !== undefined;
  const model = makeSingleOpModel({
    op: 'ReduceMean',
    inputs: asInput ? ['x', 'axes'] : ['x'],
    feeds,
    constants: asInput ? [makeInt64Tensor('axes', [axes.length], axes)] : [],
    attrs: !asInput && axes ? { ...attrs, axes } : attrs,
    opset,
  });
  return { model, feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_reduce_mean_'));

describe('reduceMeanVjp', () => {
  it.each([13, 18] as const)('matches finite differences for each configuration at opset %i', async (opset) => {
    const cases: [number[], number[] | undefined, Record<string, number>][] = [
      [[2, 3, 4], [1], {}],
      [[2, 3, 4], [-1, 0], { keepdims: 0 }],
      [[2, 3, 4], [2, 1], { keepdims: 1 }],
      [[3, 4], undefined, { keepdims: 0 }],
      [[3, 4], undefined, {}],
    ];
    if (opset === 18)
      cases.push([[3, 4], [], { noop_with_empty_axes: 1 }], [[3, 4], undefined, { noop_with_empty_axes: 1 }]);
    for (const [dims, axes, attrs] of cases) {
      const { model, feeds } = reduceMeanModel(dims, axes, attrs, opset);
      const r = await checkVjp({ model, feeds, eps: 1e-2, directions: 2 }); // linear: see expand.test.ts on ε
      expect(r.maxRelErr, `${dims} axes ${axes} ${JSON.stringify(attrs)}`).toBeLessThan(1e-3);
    }
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('divides each output gradient among the elements it averaged', async () => {
    const { model, feeds } = reduceMeanModel([2, 4], [1], { keepdims: 0 }, 13);
    const r = await checkVjp({ model, feeds, seed: 11 });
    const [s0, s1] = randomValues(2, 11 * 7919);
    expect([...r.gradients.x!]).toEqual([s0, s0, s0, s0, s1, s1, s1, s1].map((s) => Math.fround(s! / 4)));
  });

  it('keeps a dynamic batch working, also when the batch axis is averaged (count found at run time)', async () => {
    for (const opset of [13, 18] as const) {
      for (const axes of [[1, 2], [0, 2], undefined]) {
        const { model } = reduceMeanModel([1, 3, 4], axes, { keepdims: 0 }, opset);
        model.graph.input[0]!.shape![0] = { param: 'N' };
        const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n), eps: 1e-2 });
        expect(r.maxRelErr).toBeLessThan(1e-3);
      }
    }
  });
});
