import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';

const ONNX_TESTS = ['test_sigmoid', 'test_sigmoid_example'];

describe('sigmoidVjp', () => {
  it.each([[[5]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    // Inputs in [−4, 4], where σ' falls to 0.018: a 1e-2 step keeps the float32 rounding of y (≈6e-8) below
    // 4e-4 of the derivative, and the truncation error ε²/6 · |σ'''/σ'| ≤ 2e-5.
    const feeds = randomFeeds({ x: dims }, 3);
    feeds.x!.data = feeds.x!.data.map((v) => v * 4);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Sigmoid', inputs: ['x'], feeds }), feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Sigmoid', () => {
    expect(listOnnxTests(/^test_sigmoid(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives σ(x)(1 − σ(x)): 1/4 at 0, σ(2)σ(−2) at 2', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([0, 2]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Sigmoid', inputs: ['x'], feeds }),
      feeds,
      seed: [1, 1],
    });
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    expect(g.x![0]).toBeCloseTo(0.25, 6);
    expect(g.x![1]).toBeCloseTo(s(2) * s(-2), 6);
  });

  it('accumulates both paths of SiLU, x · σ(x) (EfficientNet): d/dx = σ(x) + x σ(x)(1 − σ(x))', async () => {
    const model = makeModel({
      inputs: [makeValueInfo('x', [2, 8])],
      outputs: [makeValueInfo('y')],
      nodes: [makeNode('Sigmoid', ['x'], ['s']), makeNode('Mul', ['x', 's'], ['y'])],
    });
    const feeds = randomFeeds({ x: [2, 8] }, 5);
    feeds.x!.data = feeds.x!.data.map((v) => v * 4);
    const r = await checkVjp({ model, feeds, eps: 1e-2 }); // step as above: x reaches the flat tails
    expect(r.maxRelErr).toBeLessThan(1e-3);
    const seed = new Float32Array(16).fill(1);
    const g = await backwardGradients({ model, feeds, seed });
    const x = feeds.x!.data;
    for (let i = 0; i < 16; i++) {
      const s = 1 / (1 + Math.exp(-x[i]!));
      expect(g.x![i]).toBeCloseTo(s + x[i]! * s * (1 - s), 5);
    }
  });
});
