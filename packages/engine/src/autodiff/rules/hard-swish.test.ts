import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';

// test_hardswish_expanded is HardSigmoid(alpha = 1/6) followed by Mul: the form torch exports at opset 13.
const ONNX_TESTS = ['test_hardswish', 'test_hardswish_expanded'];

/** Values in [−5, 5] kept 0.05 away from the kinks at ±3. */
function inputs(n: number, seed: number): Float32Array {
  return randomValues(n, seed).map((v) => {
    const u = v * 5;
    return Math.abs(Math.abs(u) - 3) < 0.05 ? Math.sign(u) * (Math.abs(u) < 3 ? 2.95 : 3.05) : u;
  });
}

/** The opset-13 export of torch's nn.Hardswish (torchvision mobilenet_v3): x · HardSigmoid(x, alpha = 1/6). */
function hardSwishAsMul(dims: number[]) {
  return makeModel({
    inputs: [makeValueInfo('x', dims)],
    outputs: [makeValueInfo('y')],
    nodes: [makeNode('HardSigmoid', ['x'], ['h'], { alpha: { float: 1 / 6 } }), makeNode('Mul', ['x', 'h'], ['y'])],
    opset: 13,
  });
}

describe('hardSwishVjp', () => {
  it.each([[[8]], [[2, 3, 5]]])('matches finite differences on %j', async (dims) => {
    const feeds = {
      x: {
        dims,
        data: inputs(
          dims.reduce((a, d) => a * d, 1),
          16,
        ),
      },
    };
    // Piecewise quadratic, inputs ≥ 0.05 from the kinks: a 0.04 step is exact, where a 1e-3 step on inputs up to
    // 5 would be rounded by 2.5e-4 of itself and compared with slopes near 0 (at x = −1.5).
    const model = makeSingleOpModel({ op: 'HardSwish', inputs: ['x'], feeds });
    const r = await checkVjp({ model, feeds, eps: 0.04 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for HardSwish', () => {
    expect(listOnnxTests(/^test_hardswish(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // HardSwish is piecewise quadratic, for which central differences are exact between kinks; these inputs lie
    // within ±2.6, over 0.4 from the kinks at ±3, so a 0.1 step is exact and immune to float32 step rounding.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 0 below −3, x/3 + 1/2 between, 1 above 3 (PyTorch branches at the kinks)', async () => {
    const feeds = { x: { dims: [6], data: Float32Array.from([-4, -3, 0, 1.5, 3, 4]) } };
    const model = makeSingleOpModel({ op: 'HardSwish', inputs: ['x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1, 1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([0, -0.5, 0.5, 1, 1.5, 1]);
  });

  it('agrees with the opset-13 export x · HardSigmoid(x, 1/6), whose two paths are accumulated', async () => {
    const feeds = { x: { dims: [2, 3, 5], data: inputs(30, 17) } };
    const r = await checkVjp({ model: hardSwishAsMul([2, 3, 5]), feeds, eps: 0.04 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
    const seed = randomValues(30, 18);
    const asMul = await backwardGradients({ model: hardSwishAsMul([2, 3, 5]), feeds, seed });
    const op = await backwardGradients({
      model: makeSingleOpModel({ op: 'HardSwish', inputs: ['x'], feeds }),
      feeds,
      seed,
    });
    for (let i = 0; i < 30; i++) expect(asMul.x![i]).toBeCloseTo(op.x![i]!, 6);
  });
});
