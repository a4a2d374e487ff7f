import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';

// ONNX's Softplus test models declare opset 1. Softplus-1 is unchanged up to opset 22 (only its type list
// grew), so they are checked restamped at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS_OPSET_1 = ['test_softplus', 'test_softplus_example'];

describe('softplusVjp', () => {
  it.each([[[6]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 12);
    feeds.x!.data = feeds.x!.data.map((v) => v * 3);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Softplus', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Softplus', () => {
    expect(listOnnxTests(/^test_softplus(_|$)/)).toEqual(ONNX_TESTS_OPSET_1);
  });

  it.each(ONNX_TESTS_OPSET_1)(
    'matches finite differences on ONNX test model %s (restamped at opset 13)',
    async (test) => {
      const r = await checkRestampedOnnxTest(test);
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('gives sigmoid(x): 1/2 at 0', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([0, 2]) } };
    const model = makeSingleOpModel({ op: 'Softplus', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1] });
    expect(g.x![0]).toBeCloseTo(0.5, 6);
    expect(g.x![1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 6);
  });
});
