import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';

/** ReduceMax with its axes as an attribute (opset 13) or as an input (opset 18). */
function reduceMaxModel(dims: number[], axes: number[] | undefined, attrs: Record<string, number>, opset: 13 | 18) {
  const feeds = randomFeeds({ x: dims });
  const asInput = opset === 18 && axes !== undefined;
  const model = makeSingleOpModel({
    op: 'ReduceMax',
    inputs: asInput ? ['x', 'axes'] : ['x'],
    feeds,
    constants: asInput ? [makeInt64Tensor('axes', [axes.length], axes)] : [],
    attrs: !asInput && axes ? { ...attrs, axes } : attrs,
    opset,
  });
  return { model, feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_reduce_max_'));

describe('reduceMaxVjp', () => {
  it.each([13, 18] as const)('matches finite differences for each configuration at opset %i', async (opset) => {
    const cases: [number[], number[] | undefined, Record<string, number>][] = [
      [[2, 3, 4], [1], {}],
      [[2, 3, 4], [-1, 0], { keepdims: 0 }],
      [[3, 4], undefined, { keepdims: 0 }],
      [[3, 4], undefined, {}],
    ];
    if (opset === 18) cases.push([[3, 4], [], { noop_with_empty_axes: 1 }]);
    for (const [dims, axes, attrs] of cases) {
      const { model, feeds } = reduceMaxModel(dims, axes, attrs, opset);
      const r = await checkVjp({ model, feeds, directions: 2 });
      expect(r.maxRelErr, `${dims} axes ${axes} ${JSON.stringify(attrs)}`).toBeLessThan(1e-3);
    }
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // Values up to 60 whose reduced groups differ by at least 1: ε = 1e-2 crosses no kink. Only the unit
    // directions are used (12 values: every one is checked): along a short random direction, the float32
    // rounding of x ± εv (ulp(60) ≈ 4e-6) would dominate the step.
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, eps: 1e-2, directions: 0 });
    expect(r.checks).toBe(12);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sends the gradient to the max, shared equally between ties', async () => {
    const { model } = reduceMaxModel([2, 3], [1], { keepdims: 0 }, 13);
    const feeds = { x: { dims: [2, 3], data: Float32Array.from([1, 5, 2, 4, -1, 4]) } };
    const r = await checkVjp({ model, feeds, seed: 12, directions: 0 });
    const [s0, s1] = randomValues(2, 12 * 7919);
    const half = Math.fround(s1! / 2);
    expect(Array.from(r.gradients.x!, (g) => g + 0)).toEqual([0, s0, 0, half, 0, half]);
  });

  it('keeps a dynamic batch working', async () => {
    for (const axes of [[1, 2], [0]]) {
      const { model } = reduceMaxModel([1, 3, 4], axes, { keepdims: 0 }, 13);
      model.graph.input[0]!.shape![0] = { param: 'N' };
      const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n) });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });
});
