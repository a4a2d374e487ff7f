import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';

// ONNX's Softsign test models declare opset 1; Softsign-1 is unchanged up to opset 22 (only its type list grew),
// so they are checked restamped at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS = ['test_softsign'];
const EXCLUDED: Record<string, string> = {
  // Softsign's second derivative jumps at 0, so a central difference there is off by ε itself (1/(1 + ε) against 1):
  // as large as the tolerance. The slope 1 at 0 is checked analytically below.
  test_softsign_example: 'x = [−1, 0, 1] puts an input where the second derivative jumps',
};

describe('softsignVjp', () => {
  it.each([[[6]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 24);
    feeds.x!.data = feeds.x!.data.map((v) => v * 3);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Softsign', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Softsign', () => {
    expect(listOnnxTests(/^test_softsign(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy / (1 + |x|)²: 1 at 0, 1/9 at ±2', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-2, 0, 2]) } };
    const model = makeSingleOpModel({ op: 'Softsign', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([1 / 9, 1, 1 / 9].map((v) => expect.closeTo(v, 6)));
  });
});
