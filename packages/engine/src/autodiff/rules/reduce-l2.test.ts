import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import type { TAttrValue } from '../../onnx/make-model';
import { makeInt64Tensor } from '../../onnx/tensor-data';

/** ReduceL2 over axes: an attribute before opset 18, a constant input from 18. */
function reduceL2Model(dims: number[], axes: number[] | undefined, attrs: Record<string, number> = {}, opset = 17) {
  const feeds = randomFeeds({ x: dims }, 31);
  const all: Record<string, TAttrValue> = { ...attrs };
  const constants = [];
  if (axes && opset < 18) all.axes = axes;
  if (axes && opset >= 18) constants.push(makeInt64Tensor('axes', [axes.length], axes));
  const inputs = axes && opset >= 18 ? ['x', 'axes'] : ['x'];
  return { model: makeSingleOpModel({ op: 'ReduceL2', inputs, feeds, constants, attrs: all, opset }), feeds };
}

// A large ε keeps float32 rounding of S (about 1e-7 of Σ|seed·y|, divided by 2ε) small against directional
// derivatives along single small elements of x; the truncation error ε²·S'''/6 stays below 1e-5 of the scale
// for the inputs here (|x| ≳ 0.5 rows).
const EPS = 1e-2;

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_reduce_l2_'));

describe('reduceL2Vjp', () => {
  it.each<{ dims: number[]; axes: number[] | undefined; attrs: Record<string, number>; opset?: number }>([
    { dims: [2, 3, 4], axes: [1], attrs: {} },
    { dims: [2, 3, 4], axes: [-1, 0], attrs: { keepdims: 0 } },
    { dims: [3, 4], axes: undefined, attrs: { keepdims: 0 } },
    { dims: [2, 3, 4], axes: [2], attrs: { keepdims: 0 }, opset: 18 },
    { dims: [3, 4], axes: undefined, attrs: { noop_with_empty_axes: 1 }, opset: 18 },
  ])(
    'matches finite differences for $dims over axes $axes, $attrs (opset $opset)',
    async ({ dims, axes, attrs, opset }) => {
      const { model, feeds } = reduceL2Model(dims, axes, attrs, opset);
      const r = await checkVjp({ model, feeds, eps: EPS });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('covers the ONNX test models', () => {
    expect(ONNX_TESTS.length).toBe(8);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working', async () => {
    const { model } = reduceL2Model([1, 3, 4], [1, 2], { keepdims: 0 });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n), eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy · x / ‖x‖, and 0 (not NaN) for an all-zero row', async () => {
    const feeds = { x: { dims: [2, 2], data: Float32Array.from([3, 4, 0, 0]) } };
    const model = makeSingleOpModel({ op: 'ReduceL2', inputs: ['x'], feeds, attrs: { axes: [1], keepdims: 0 } });
    const g = await backwardGradients({ model, feeds, seed: [10, 10] });
    expect(Array.from(g.x!)).toEqual([6, 8, 0, 0].map((v) => expect.closeTo(v, 5)));
  });
});
