import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeReduceModel, REDUCE_CASES } from '../../../test/make-reduce-model';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';

// ONNX's test models have at most 12 values (so checkVjp also checks every unit direction) of size up to 10, and
// their norms reach 25 (float32 ulp 2e-6): at the default ε = 1e-3 that rounding, divided by 2ε, is up to 1e-2 of
// the derivative along the smallest element. ε = 3e-2 brings it down 30× while the truncation error ε²·S'''/6 stays
// near 1e-6 of the scale at those norms (measured: ≤ 1.2e-4 at 3e-2 against 1.2e-2 at 1e-3).
const ONNX_EPS = 3e-2;

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_reduce_l2_'));

describe('reduceL2Vjp', () => {
  it.each(REDUCE_CASES)('matches finite differences for $dims over axes $axes, $attrs (opset $opset)', async (c) => {
    const { model, feeds } = makeReduceModel('ReduceL2', c);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers the ONNX test models', () => {
    expect(ONNX_TESTS.length).toBe(8);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: ONNX_EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working', async () => {
    const { model } = makeReduceModel('ReduceL2', { dims: [1, 3, 4], axes: [1, 2], attrs: { keepdims: 0 } });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy · x / ‖x‖, and 0 (not NaN) for an all-zero row', async () => {
    const feeds = { x: { dims: [2, 2], data: Float32Array.from([3, 4, 0, 0]) } };
    const model = makeSingleOpModel({ op: 'ReduceL2', inputs: ['x'], feeds, attrs: { axes: [1], keepdims: 0 } });
    const g = await backwardGradients({ model, feeds, seed: [10, 10] });
    expect(Array.from(g.x!)).toEqual([6, 8, 0, 0].map((v) => expect.closeTo(v, 5)));
  });
});
