import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import type { TAttrValue } from '../../onnx/make-model';

// ONNX's Elu test models declare opset 6; Elu-6 is unchanged up to opset 22 (only its type list grew), so they
// are checked restamped at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS = ['test_elu', 'test_elu_default'];
const EXCLUDED: Record<string, string> = {
  // Finite differences straddle the kink there (slopes α = 2 and 1); the slope at 0 is checked analytically below.
  test_elu_example: 'x = [−1, 0, 1] puts an input on the kink at 0',
};

describe('eluVjp', () => {
  it.each([undefined, 0.5, 2])('matches finite differences with alpha %s (inputs 0.05 away from 0)', async (alpha) => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 21);
    feeds.x!.data = feeds.x!.data.map((v) => 2 * v + Math.sign(v) * 0.05);
    const attrs: Record<string, TAttrValue> = alpha === undefined ? {} : { alpha: { float: alpha } };
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Elu', inputs: ['x'], feeds, attrs }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Elu', () => {
    expect(listOnnxTests(/^test_elu(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy above 0 and α·eˣ·dy from 0 down (the branch the forward pass took)', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-1, 0, 2]) } };
    const model = makeSingleOpModel({ op: 'Elu', inputs: ['x'], feeds, attrs: { alpha: { float: 2 } } });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(g.x![0]).toBeCloseTo(2 * Math.exp(-1), 6);
    expect(g.x![1]).toBeCloseTo(2, 6);
    expect(g.x![2]).toBe(1);
  });
});
