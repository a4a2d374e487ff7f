import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';

// S = Σ seed·(A·B) is linear in each operand and checkVjp perturbs one operand at a time, so the central
// difference is exact for any ε: ε = 0.1 keeps float32 rounding of S (summed over all outputs) far below the
// step, which matters along unit directions where one gradient element is small.
const EPS = 0.1;

function matmulModel(a: number[], b: number[]) {
  const feeds = randomFeeds({ a, b });
  return { model: makeSingleOpModel({ op: 'MatMul', inputs: ['a', 'b'], feeds }), feeds };
}

// MatMul only: MatMulInteger is another op (and integer).
const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => /^test_matmul_\dd$/.test(t));

describe('matmulVjp', () => {
  it.each([
    { a: [3, 4], b: [4, 2] },
    { a: [4], b: [4, 3] },
    { a: [3, 4], b: [4] },
    { a: [5], b: [5] },
    { a: [4], b: [2, 4, 3] },
    { a: [2, 3, 4], b: [4] },
    { a: [2, 3, 4], b: [2, 4, 5] },
    { a: [2, 1, 3, 4], b: [5, 4, 2] },
    { a: [2, 3, 4], b: [4, 5] },
    { a: [3, 4], b: [2, 2, 4, 3] },
    { a: [1, 3, 4], b: [2, 4, 2] },
  ])('matches finite differences for $a × $b', async ({ a, b }) => {
    const { model, feeds } = matmulModel(a, b);
    const r = await checkVjp({ model, feeds, directions: 3, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, directions: 3, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dA = dY·Bᵀ and dB = Aᵀ·dY', async () => {
    // a [1, 2], b [2, 1]: y = a0·b0 + a1·b1, so da = s·b and db = s·a.
    const { model, feeds } = matmulModel([1, 2], [2, 1]);
    const r = await checkVjp({ model, feeds, seed: 13 });
    const [s] = randomValues(1, 13 * 7919);
    const [a0, a1] = feeds.a!.data;
    const [b0, b1] = feeds.b!.data;
    expect([...r.gradients.a!]).toEqual([s! * b0!, s! * b1!].map(Math.fround));
    expect([...r.gradients.b!]).toEqual([s! * a0!, s! * a1!].map(Math.fround));
  });

  it('keeps a dynamic batch working: tokens × weights, and attention scores', async () => {
    const { model: linear } = matmulModel([1, 3, 4], [4, 2]);
    linear.graph.input[0]!.shape![0] = { param: 'N' };
    const r1 = await checkVjpAtBatch({
      model: linear,
      feed: (n) => randomFeeds({ a: [n, 3, 4], b: [4, 2] }, n),
      eps: EPS,
    });
    expect(r1.maxRelErr).toBeLessThan(1e-3);
    const { model: scores } = matmulModel([1, 2, 3, 4], [1, 2, 4, 3]);
    scores.graph.input[0]!.shape![0] = { param: 'N' };
    scores.graph.input[1]!.shape![0] = { param: 'N' };
    const r2 = await checkVjpAtBatch({
      model: scores,
      feed: (n) => randomFeeds({ a: [n, 2, 3, 4], b: [n, 2, 4, 3] }, n),
      eps: EPS,
    });
    expect(r2.maxRelErr).toBeLessThan(1e-3);
  });
});
