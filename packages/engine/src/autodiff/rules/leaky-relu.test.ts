import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import type { TAttrValue } from '../../onnx/make-model';

const ONNX_TESTS = ['test_leakyrelu', 'test_leakyrelu_default'];
const EXCLUDED: Record<string, string> = {
  // Finite differences straddle the kink there; the gradient at 0 is checked analytically below.
  test_leakyrelu_example: 'x = [−1, 0, 1] puts an input on the kink at 0',
};

describe('leakyReluVjp', () => {
  it.each([undefined, 0.1, 0.3])(
    'matches finite differences with alpha %s (inputs 0.05 away from 0)',
    async (alpha) => {
      const feeds = randomFeeds({ x: [2, 3, 4] }, 13);
      feeds.x!.data = feeds.x!.data.map((v) => v + Math.sign(v) * 0.05);
      const attrs: Record<string, TAttrValue> = alpha === undefined ? {} : { alpha: { float: alpha } };
      const r = await checkVjp({ model: makeSingleOpModel({ op: 'LeakyRelu', inputs: ['x'], feeds, attrs }), feeds });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('covers every ONNX test model for LeakyRelu', () => {
    expect(listOnnxTests(/^test_leakyrelu(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives alpha · dy below 0 and dy from 0 up (default alpha 0.01)', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-2, 0, 3]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'LeakyRelu', inputs: ['x'], feeds }),
      feeds,
      seed: [2, 2, 2],
    });
    expect(Array.from(g.x!)).toEqual([Math.fround(0.02), 2, 2]);
  });
});
