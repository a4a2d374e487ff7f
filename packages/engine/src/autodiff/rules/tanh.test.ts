import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_tanh', 'test_tanh_example'];

describe('tanhVjp', () => {
  it.each([[[6]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    // Inputs in [−3, 3], where tanh' falls to 0.01: a 1e-2 step keeps the float32 rounding of y (≈6e-8) below
    // 1e-4 of the derivative, and the truncation error ε²/6 · |tanh'''/tanh'| ≤ 4e-5.
    const feeds = randomFeeds({ x: dims }, 2);
    feeds.x!.data = feeds.x!.data.map((v) => v * 3);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Tanh', inputs: ['x'], feeds }), feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Tanh', () => {
    expect(listOnnxTests(/^test_tanh(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 1 − tanh²: 1 at 0, 1 − tanh(1)² at 1', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([0, 1]) } };
    const model = makeSingleOpModel({ op: 'Tanh', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2] });
    expect(g.x![0]).toBeCloseTo(1, 6);
    expect(g.x![1]).toBeCloseTo(2 * (1 - Math.tanh(1) ** 2), 6);
  });
});
