import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_abs'];

describe('absVjp', () => {
  it.each([[[6]], [[2, 3, 4]]])(
    'matches finite differences on %j (inputs kept 0.05 away from the kink at 0)',
    async (dims) => {
      const feeds = randomFeeds({ x: dims }, 11);
      feeds.x!.data = feeds.x!.data.map((v) => v + Math.sign(v) * 0.05);
      const r = await checkVjp({ model: makeSingleOpModel({ op: 'Abs', inputs: ['x'], feeds }), feeds });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('covers every ONNX test model for Abs', () => {
    expect(listOnnxTests(/^test_abs(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives sign(x) · dy, 0 at x = 0', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-2, 0, 3]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Abs', inputs: ['x'], feeds }),
      feeds,
      seed: [5, 5, 5],
    });
    expect(Array.from(g.x!)).toEqual([-5, 0, 5]);
  });
});
