import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import type { TAttrValue } from '../../onnx/make-model';

// ONNX's Selu test models declare opset 6; Selu-6 is unchanged up to opset 22 (only its type list grew), so they
// are checked restamped at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS = ['test_selu', 'test_selu_default'];
const EXCLUDED: Record<string, string> = {
  // Finite differences straddle the kink there; the slopes either side of 0 are checked analytically below.
  test_selu_example: 'x = [−1, 0, 1] puts an input on the kink at 0',
};

describe('seluVjp', () => {
  it.each<[number | undefined, number | undefined]>([
    [undefined, undefined],
    [2, 3],
  ])('matches finite differences with alpha %s, gamma %s (inputs 0.05 away from 0)', async (alpha, gamma) => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 22);
    feeds.x!.data = feeds.x!.data.map((v) => 2 * v + Math.sign(v) * 0.05);
    const attrs: Record<string, TAttrValue> = {};
    if (alpha !== undefined) attrs.alpha = { float: alpha };
    if (gamma !== undefined) attrs.gamma = { float: gamma };
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Selu', inputs: ['x'], feeds, attrs }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Selu', () => {
    expect(listOnnxTests(/^test_selu(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives γ·dy above 0 and γ·α·eˣ·dy from 0 down, with the default α and γ', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-1, 0, 2]) } };
    const model = makeSingleOpModel({ op: 'Selu', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    const [alpha, gamma] = [1.6732632, 1.050701];
    expect(g.x![0]).toBeCloseTo(gamma * alpha * Math.exp(-1), 5);
    expect(g.x![1]).toBeCloseTo(gamma * alpha, 5);
    expect(g.x![2]).toBeCloseTo(gamma, 6);
  });
});
