import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

// ε = 1e-2 rather than checkVjp's 1e-3: here float32 rounding of the forward pass dominates the error at 1e-3
// (measured up to 7e-4 of the scale, falling below 1e-4 at 1e-2); the truncation error stays under that at 1e-2.
const EPS = 1e-2;

const ONNX_TESTS = ['test_prelu_broadcast', 'test_prelu_example'];

/** x kept 0.05 away from the kink at 0, so central differences with ε = 1e-3 stay on one branch. */
function awayFromZero(feeds: ReturnType<typeof randomFeeds>) {
  feeds.x!.data = feeds.x!.data.map((v) => 2 * v + Math.sign(v) * 0.05);
  return feeds;
}

describe('preluVjp', () => {
  it.each([
    { x: [2, 3, 4, 5], slope: [3, 1, 1], what: 'a per-channel slope, as PyTorch exports it' },
    { x: [2, 3, 4], slope: [4], what: 'a slope along the last axis' },
    { x: [2, 3], slope: [2, 3], what: 'a slope of the same shape' },
    { x: [2, 3], slope: [1], what: 'one shared slope' },
  ])('matches finite differences in x and slope with $what', async ({ x, slope }) => {
    const feeds = awayFromZero(randomFeeds({ x, slope }, 41));
    const r = await checkVjp({
      model: makeSingleOpModel({ op: 'PRelu', inputs: ['x', 'slope'], feeds }),
      feeds,
      eps: EPS,
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for PRelu', () => {
    expect(listOnnxTests(/^test_prelu(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working, summing the slope gradient over it', async () => {
    const feeds = awayFromZero(randomFeeds({ x: [1, 3, 2, 2], slope: [3, 1, 1] }, 42));
    const model = makeSingleOpModel({ op: 'PRelu', inputs: ['x', 'slope'], feeds });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({
      model,
      feed: (n) => ({ ...awayFromZero(randomFeeds({ x: [n, 3, 2, 2] }, n)), slope: feeds.slope! }),
      eps: EPS,
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives slope·dy below 0 and dy from 0 up; dslope = Σ dy·x over the negative inputs', async () => {
    const feeds = {
      x: { dims: [4], data: Float32Array.from([-2, -1, 0, 3]) },
      slope: { dims: [1], data: Float32Array.from([0.25]) },
    };
    const model = makeSingleOpModel({ op: 'PRelu', inputs: ['x', 'slope'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 3, 4] });
    expect(Array.from(g.x!)).toEqual([0.25, 0.5, 3, 4]);
    expect(Array.from(g.slope!)).toEqual([-2 * 1 + -1 * 2]);
  });
});
