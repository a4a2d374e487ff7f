import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_log', 'test_log_example'];

describe('logVjp', () => {
  it.each([[[5]], [[2, 3, 4]]])('matches finite differences on %j (x in [0.2, 3])', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 7);
    feeds.x!.data = feeds.x!.data.map((v) => 1.6 + 1.4 * v);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Log', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Log', () => {
    expect(listOnnxTests(/^test_log(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 1/x', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([0.5, 4]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Log', inputs: ['x'], feeds }),
      feeds,
      seed: [1, 1],
    });
    expect(Array.from(g.x!)).toEqual([2, 0.25]);
  });
});
