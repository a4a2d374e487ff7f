import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_exp', 'test_exp_example'];

describe('expVjp', () => {
  it.each([[[5]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 6);
    feeds.x!.data = feeds.x!.data.map((v) => v * 2);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Exp', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Exp', () => {
    expect(listOnnxTests(/^test_exp(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives eˣ', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([0, 1, -2]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Exp', inputs: ['x'], feeds }),
      feeds,
      seed: [1, 1, 3],
    });
    expect(g.x![0]).toBeCloseTo(1, 6);
    expect(g.x![1]).toBeCloseTo(Math.E, 5);
    expect(g.x![2]).toBeCloseTo(3 * Math.exp(-2), 6);
  });
});
