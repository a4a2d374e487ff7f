import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_neg', 'test_neg_example'];

describe('negVjp', () => {
  it('matches finite differences', async () => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 10);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Neg', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Neg', () => {
    expect(listOnnxTests(/^test_neg(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives −dy', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([1, -2, 3]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Neg', inputs: ['x'], feeds }),
      feeds,
      seed: [1, 2, -3],
    });
    expect(Array.from(g.x!)).toEqual([-1, -2, 3]);
  });
});
