import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { buildBackwardGraph } from '../build-backward-graph';
import { probeShapeTableWith } from '../probe-shape-table';

const ONNX_TESTS = ['test_mul', 'test_mul_bcast', 'test_mul_example'];
const EXCLUDED: Record<string, string> = { test_mul_uint8: 'uint8 inputs: no float path to differentiate' };

describe('mulVjp', () => {
  it.each([
    { a: [2, 3, 4], b: [2, 3, 4] },
    { a: [2, 3, 4, 5], b: [3, 1, 1] },
    { a: [2, 3, 4, 5], b: [1, 5] },
    { a: [1, 5], b: [2, 3, 4, 5] },
    { a: [3, 1], b: [1, 4] },
    { a: [2, 3], b: [] },
    { a: [], b: [2, 3] },
  ])('matches finite differences for a $a · b $b', async ({ a, b }) => {
    const feeds = randomFeeds({ a, b }, 48);
    // y is bilinear in (a, b), for which central differences are exact: a 0.1 step has no truncation error and
    // keeps float32 rounding small next to a broadcast operand's gradient, a sum of seeds of both signs.
    const model = makeSingleOpModel({ op: 'Mul', inputs: ['a', 'b'], feeds });
    const r = await checkVjp({ model, feeds, eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Mul', () => {
    expect(listOnnxTests(/^test_mul(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // The output is bilinear in the inputs, for which central differences are exact: a 0.1 step has no
    // truncation error, and the float32 rounding of a 1e-3 step on inputs up to 10 (≈5e-4 of it) disappears.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dy · b and dy · a, summed over the positions an operand was broadcast to', async () => {
    const feeds = {
      a: { dims: [2, 2], data: Float32Array.from([1, 2, 3, 4]) },
      b: { dims: [], data: Float32Array.from([10]) },
    };
    const model = makeSingleOpModel({ op: 'Mul', inputs: ['a', 'b'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1, 2] });
    expect(Array.from(g.a!)).toEqual([10, 10, 10, 20]);
    expect(Array.from(g.b!)).toEqual([14]);
  });

  it('accumulates both paths of x · x', async () => {
    const feeds = { x: { dims: [3], data: Float32Array.from([1, -2, 3]) } };
    const model = makeSingleOpModel({ op: 'Mul', inputs: ['x', 'x'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([2, -4, 6]);
  });

  it.each([
    { order: 'x · σ(x)', inputs: ['x', 's'] },
    { order: 'σ(x) · x', inputs: ['s', 'x'] },
  ])(
    'folds SiLU, $order, into one gradient that matches finite differences and the analytic σ(1 + x(1 − σ))',
    async ({ inputs }) => {
      const feeds = randomFeeds({ x: [2, 3, 4, 5] }, 77);
      const model = makeModel({
        nodes: [makeNode('Sigmoid', ['x'], ['s']), makeNode('Mul', inputs, ['y'])],
        inputs: [makeValueInfo('x', [2, 3, 4, 5])],
        outputs: [makeValueInfo('y')],
        opset: 17,
      });
      const r = await checkVjp({ model, feeds });
      expect(r.maxRelErr).toBeLessThan(1e-3);
      const seed = Array.from({ length: 120 }, (_, i) => ((i * 7) % 5) - 2);
      const g = await backwardGradients({ model, feeds, seed });
      const x = feeds.x!.data;
      g.x!.forEach((v, i) => {
        const sig = 1 / (1 + Math.exp(-x[i]!));
        expect(v).toBeCloseTo(seed[i]! * sig * (1 + x[i]! * (1 - sig)), 5);
      });
    },
  );

  it('gates SiLU in guided mode: max(dy, 0) · max(slope, 0), and counts the gate', async () => {
    const x = Float32Array.from([-4, -2, -1, -0.5, 0, 0.5, 1, 3]);
    const feeds = { x: { dims: [8], data: x } };
    const model = makeModel({
      nodes: [makeNode('Sigmoid', ['x'], ['s']), makeNode('Mul', ['x', 's'], ['y'])],
      inputs: [makeValueInfo('x', [8])],
      outputs: [makeValueInfo('y')],
      opset: 17,
    });
    const seed = [1, 1, 1, -1, 2, -2, 1, 1];
    const guided = await backwardGradients({ model, feeds, seed, reluMode: 'guided' });
    const standard = await backwardGradients({ model, feeds, seed });
    guided.x!.forEach((v, i) => {
      const sig = 1 / (1 + Math.exp(-x[i]!));
      const slope = sig * (1 + x[i]! * (1 - sig));
      expect(v).toBeCloseTo(Math.max(seed[i]!, 0) * Math.max(slope, 0), 5);
      expect(standard.x![i]).toBeCloseTo(seed[i]! * slope, 5);
    });
    // x = −4 and −2 have a negative slope (σ(1 + x(1 − σ)) < 0 below x ≈ −1.28): standard keeps it, guided zeroes it.
    expect(standard.x![0]).toBeLessThan(0);
    expect(guided.x![0]).toBe(0);
    const shapes = await probeShapeTableWith(model, () => feeds);
    const bg = buildBackwardGraph({ model, output: 'y', wrt: ['x'], shapes, reluMode: 'guided' });
    expect(bg.guidedGates).toBe(1);
  });

  it('keeps separate rules when σ(x) is used elsewhere too', async () => {
    // y = x · σ(x) + σ(x): the sigmoid's own gradient must still flow.
    const feeds = randomFeeds({ x: [3, 4] }, 78);
    const model = makeModel({
      nodes: [
        makeNode('Sigmoid', ['x'], ['s']),
        makeNode('Mul', ['x', 's'], ['m']),
        makeNode('Add', ['m', 's'], ['y']),
      ],
      inputs: [makeValueInfo('x', [3, 4])],
      outputs: [makeValueInfo('y')],
      opset: 17,
    });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
