import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, type Feeds, randomValues } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import type { OnnxTensor } from '../../onnx/onnx-types';
import { makeFloatTensor, makeInt64Tensor } from '../../onnx/tensor-data';

const ONNX_TESTS = [
  'test_pow_bcast_array',
  'test_pow_bcast_scalar',
  'test_pow_example',
  'test_pow_types_float32_int32',
  'test_pow_types_float32_int64',
];
const EXCLUDED: Record<string, string> = {
  test_pow: 'x contains 0 with random exponents: 0^y is infinite for y < 0 and not differentiable for y < 1',
  test_pow_types_float: 'opset 12 (and an int64 base: no float path)',
  test_pow_types_float32_uint32:
    'onnxruntime has no CPU Pow kernel for a uint32 exponent (the forward model fails to load)',
  test_pow_types_float32_uint64:
    'onnxruntime has no CPU Pow kernel for a uint64 exponent (the forward model fails to load)',
  test_pow_types_int: 'opset 12',
  test_pow_types_int32_float32: 'int32 base: x^y is integer-valued, no float path',
  test_pow_types_int32_int32: 'integer base and exponent: no float path',
  test_pow_types_int64_float32: 'int64 base: x^y is integer-valued, no float path',
  test_pow_types_int64_int64: 'integer base and exponent: no float path',
};

const size = (d: number[]) => d.reduce((p, k) => p * k, 1);
/** Positive bases in [0.5, 2] unless `signed`, then 0.5 ≤ |x| ≤ 2. */
function base(dims: number[], seed: number, signed = false): Feeds[string] {
  const data = randomValues(size(dims), seed).map((v) => (signed ? Math.sign(v) : 1) * (0.5 + 1.5 * Math.abs(v)));
  return { dims, data };
}

describe('powVjp', () => {
  it.each([
    { x: [2, 3, 4], p: [2, 3, 4] },
    { x: [2, 3, 4], p: [] },
    { x: [3, 1], p: [1, 4] },
    { x: [], p: [2, 3] },
  ])('matches finite differences for base and exponent: x $x, p $p', async ({ x, p }) => {
    // Per-element checks divide by one derivative: keep it away from 0, so x away from 1 (d/dp = y ln x) and
    // p away from 0 (d/dx = p x^(p−1)): x in [0.5, 0.8] ∪ [1.25, 2], 0.5 ≤ |p| ≤ 2.5. A broadcast base's
    // gradient is a sum of terms of both signs while the float32 rounding scales with their magnitudes, so the
    // step is 3e-3: a third of the rounding error, and truncation ε²/6 · |(p−1)(p−2)/x²| ≤ 1e-4 here.
    const feeds = {
      x: { dims: x, data: randomValues(size(x), 25).map((v) => (v < 0 ? 0.8 + 0.3 * v : 1.25 + 0.75 * v)) },
      p: { dims: p, data: randomValues(size(p), 26).map((v) => Math.sign(v) * (0.5 + 2 * Math.abs(v))) },
    };
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Pow', inputs: ['x', 'p'], feeds }), feeds, eps: 3e-3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  const exponents: { name: string; tensor: OnnxTensor; signed: boolean }[] = [
    { name: '2', tensor: makeFloatTensor('p', [], [2]), signed: true },
    { name: '3', tensor: makeFloatTensor('p', [1], [3]), signed: true },
    { name: '0.5', tensor: makeFloatTensor('p', [], [0.5]), signed: false },
    { name: '−1.5', tensor: makeFloatTensor('p', [], [-1.5]), signed: false },
    { name: '1', tensor: makeFloatTensor('p', [], [1]), signed: true },
    { name: '0', tensor: makeFloatTensor('p', [], [0]), signed: true },
    { name: 'int64 3', tensor: makeInt64Tensor('p', [], [3]), signed: true },
    { name: 'per-column [1, 2, 0.5, −2]', tensor: makeFloatTensor('p', [4], [1, 2, 0.5, -2]), signed: false },
    { name: 'per-column int64 [1, 2, 3, −1]', tensor: makeInt64Tensor('p', [4], [1, 2, 3, -1]), signed: true },
  ];
  it.each(exponents)('matches finite differences for a constant exponent $name', async ({ tensor, signed }) => {
    const feeds = { x: base([2, 3, 4], 27, signed) };
    const model = makeSingleOpModel({ op: 'Pow', inputs: ['x', 'p'], feeds, constants: [tensor] });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Pow', () => {
    expect(listOnnxTests(/^test_pow(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // These reach y = 3⁶ = 729, whose float32 rounding (3e-5) over the default 1e-3 step is not small next to
    // ⟨g, v⟩ along some directions. With x ≥ 1 and p ≤ 6 the truncation error of a 1e-2 step,
    // ε²/6 · |(p−1)(p−2)/x²| relative to dx and ε²/6 · ln²x relative to dp, stays below 1e-4.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives p·x^(p−1) and x^p·ln x; the exponent gradient is 0 at x = 0 and NaN for x < 0', async () => {
    const feeds = {
      x: { dims: [3], data: Float32Array.from([2, 0, -2]) },
      p: { dims: [], data: Float32Array.from([3]) },
    };
    const model = makeSingleOpModel({ op: 'Pow', inputs: ['x', 'p'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([12, 0, 12]);
    expect(g.p![0]).toBeNaN();
    const atZero = await backwardGradients({ model, feeds, seed: [1, 1, 0], wrt: ['p'] });
    expect(atZero.p![0]).toBeNaN(); // 0 · NaN from x = −2 still poisons the sum: the seed cannot mask it
    const positive = { x: { dims: [3], data: Float32Array.from([2, 0, 0.5]) }, p: feeds.p };
    const gp = await backwardGradients({ model, feeds: positive, seed: [1, 1, 1], wrt: ['p'] });
    expect(gp.p![0]).toBeCloseTo(8 * Math.log(2) + 0.125 * Math.log(0.5), 5);
  });
});
