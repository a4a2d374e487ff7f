import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_reciprocal', 'test_reciprocal_example'];

describe('reciprocalVjp', () => {
  it.each([[[5]], [[2, 3, 4]]])('matches finite differences on %j (0.5 ≤ |x| ≤ 2)', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 9);
    feeds.x!.data = feeds.x!.data.map((v) => Math.sign(v) * (0.5 + 1.5 * Math.abs(v)));
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Reciprocal', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Reciprocal', () => {
    expect(listOnnxTests(/^test_reciprocal(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives −1/x²', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([2, -0.5]) } };
    const model = makeSingleOpModel({ op: 'Reciprocal', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1] });
    expect(Array.from(g.x!)).toEqual([-0.25, -4]);
  });
});
