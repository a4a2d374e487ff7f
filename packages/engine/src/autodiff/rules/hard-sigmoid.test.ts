import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';

// ONNX's HardSigmoid test models declare opset 6. HardSigmoid-6 is unchanged up to opset 22 (only its type list
// grew), so they are checked restamped at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS_OPSET_6 = ['test_hardsigmoid', 'test_hardsigmoid_default', 'test_hardsigmoid_example'];

/** Moves values closer than `margin` to a kink onto `margin` from it, on their own side. */
function awayFrom(data: Float32Array, kinks: readonly number[], margin: number): Float32Array {
  return data.map((v) => kinks.reduce((u, k) => (Math.abs(u - k) < margin ? k + (u >= k ? margin : -margin) : u), v));
}

describe('hardSigmoidVjp', () => {
  it.each([
    { alpha: undefined, beta: undefined },
    { alpha: 0.5, beta: 0.6 },
    { alpha: 1 / 6, beta: undefined }, // torchvision's nn.Hardsigmoid exports HardSigmoid(alpha = 1/6)
    { alpha: -0.4, beta: 0.3 },
  ])(
    'matches finite differences with alpha $alpha, beta $beta (inputs 0.05 away from the kinks)',
    async ({ alpha, beta }) => {
      const a = alpha ?? 0.2;
      const b = beta ?? 0.5;
      const feeds = randomFeeds({ x: [2, 3, 5] }, 14);
      feeds.x!.data = awayFrom(
        feeds.x!.data.map((v) => v * 5),
        [-b / a, (1 - b) / a],
        0.05,
      );
      const attrs = {
        ...(alpha === undefined ? {} : { alpha: { float: alpha } }),
        ...(beta === undefined ? {} : { beta: { float: beta } }),
      };
      const model = makeSingleOpModel({ op: 'HardSigmoid', inputs: ['x'], feeds, attrs });
      const r = await checkVjp({ model, feeds });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('covers every ONNX test model for HardSigmoid', () => {
    expect(listOnnxTests(/^test_hardsigmoid(_|$)/)).toEqual(ONNX_TESTS_OPSET_6);
  });

  it.each(ONNX_TESTS_OPSET_6)(
    'matches finite differences on ONNX test model %s (restamped at opset 13)',
    async (test) => {
      const r = await checkRestampedOnnxTest(test, { digits: 6 });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it('gives alpha in the linear part and 0 where clamped', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([-4, 1, 4]) } };
    const model = makeSingleOpModel({ op: 'HardSigmoid', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([0, Math.fround(0.2), 0]);
  });

  it('differentiates the squeeze-excitation gate of torchvision mobilenet_v3: s · HardSigmoid(z, alpha = 1/6)', async () => {
    const model = makeModel({
      inputs: [makeValueInfo('z', [1, 4, 1, 1]), makeValueInfo('s', [1, 4, 3, 3])],
      outputs: [makeValueInfo('y')],
      nodes: [makeNode('HardSigmoid', ['z'], ['h'], { alpha: { float: 1 / 6 } }), makeNode('Mul', ['s', 'h'], ['y'])],
    });
    const feeds = randomFeeds({ z: [1, 4, 1, 1], s: [1, 4, 3, 3] }, 15);
    feeds.z!.data = Float32Array.from([-4, -1, 2, 5]);
    // y is piecewise linear in z and each z is ≥ 1 from a kink, so a 1e-2 step has no truncation error and a
    // tenth of the rounding error of the default step, relative to dz, a sum over 9 positions that may cancel.
    const r = await checkVjp({ model, feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
