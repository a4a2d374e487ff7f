import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import type { TAttrValue } from '../../onnx/make-model';

// ONNX's ThresholdedRelu test models declare opset 10; ThresholdedRelu-10 is unchanged up to opset 22 (only its
// type list grew), so they are checked restamped at opset 13, after proving the restamped model reproduces the
// stored output.
const ONNX_TESTS = ['test_thresholdedrelu', 'test_thresholdedrelu_default'];
const EXCLUDED: Record<string, string> = {
  // y jumps from 0 to α at x = α: finite differences across a jump are not a derivative. Checked analytically below.
  test_thresholdedrelu_example: 'x = 2.0 with α = 2 sits on the jump',
};

describe('thresholdedReluVjp', () => {
  it.each([undefined, 0.3])('matches finite differences with alpha %s (inputs 0.05 away from alpha)', async (alpha) => {
    const a = alpha ?? 1;
    const feeds = randomFeeds({ x: [2, 3, 4] }, 25);
    feeds.x!.data = feeds.x!.data.map((v) => a + 2 * v + Math.sign(v) * 0.05);
    const attrs: Record<string, TAttrValue> = alpha === undefined ? {} : { alpha: { float: alpha } };
    const model = makeSingleOpModel({ op: 'ThresholdedRelu', inputs: ['x'], feeds, attrs });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for ThresholdedRelu', () => {
    expect(listOnnxTests(/^test_thresholdedrelu(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('passes dy only strictly above alpha', async () => {
    const feeds = { x: { dims: [4], data: Float32Array.from([-1.5, 0, 2, 2.2]) } };
    const model = makeSingleOpModel({ op: 'ThresholdedRelu', inputs: ['x'], feeds, attrs: { alpha: { float: 2 } } });
    const g = await backwardGradients({ model, feeds, seed: [3, 3, 3, 3] });
    expect(Array.from(g.x!)).toEqual([0, 0, 0, 3]);
  });
});
