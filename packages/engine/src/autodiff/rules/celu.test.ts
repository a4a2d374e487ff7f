import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import type { TAttrValue } from '../../onnx/make-model';

// ε = 1e-2 rather than checkVjp's 1e-3: here float32 rounding of the forward pass dominates the error at 1e-3
// (measured up to 7e-4 of the scale, falling below 1e-4 at 1e-2); the truncation error stays under that at 1e-2.
const EPS = 1e-2;

// ONNX's Celu test model declares opset 12; Celu-12 is unchanged up to opset 22, so it is checked restamped at
// opset 13, after proving the restamped model reproduces the stored output. test_celu_expanded is Celu written
// out in other ops (its function body), not a Celu node.
const ONNX_TESTS = ['test_celu'];
const EXCLUDED: Record<string, string> = {
  test_celu_expanded: 'Celu expanded into Exp, Div, Max, Min… (their own rules are tested), no Celu node',
};

describe('celuVjp', () => {
  it.each([undefined, 0.5, 2])('matches finite differences with alpha %s', async (alpha) => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 23);
    feeds.x!.data = feeds.x!.data.map((v) => 2 * v);
    const attrs: Record<string, TAttrValue> = alpha === undefined ? {} : { alpha: { float: alpha } };
    const r = await checkVjp({
      model: makeSingleOpModel({ op: 'Celu', inputs: ['x'], feeds, attrs }),
      feeds,
      eps: EPS,
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Celu', () => {
    expect(listOnnxTests(/^test_celu(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test, { eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives e^(x/α)·dy below 0 and dy above', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-1, 0, 2]) } };
    const model = makeSingleOpModel({ op: 'Celu', inputs: ['x'], feeds, attrs: { alpha: { float: 2 } } });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(g.x![0]).toBeCloseTo(Math.exp(-0.5), 6);
    expect(g.x![1]).toBeCloseTo(1, 6);
    expect(g.x![2]).toBe(1);
  });
});
