import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import type { TAttrValue } from '../../onnx/make-model';

// S = Σ seed·Y is linear in each of A, B, C and checkVjp perturbs one at a time, so central differences are
// exact for any ε: ε = 1 keeps float32 rounding far below the step (see matmul.test.ts; with a one-value C, dC = Σ seed
// can be a cancelling sum, small against the rounding of S).
const EPS = 1;
const M = 3;
const K = 4;
const N = 2;

function gemmModel(o: { transA: number; transB: number; alpha?: number; beta?: number; c?: number[] }) {
  const shapes: Record<string, number[]> = { a: o.transA ? [K, M] : [M, K], b: o.transB ? [N, K] : [K, N] };
  if (o.c) shapes.c = o.c;
  const feeds = randomFeeds(shapes);
  const attrs: Record<string, TAttrValue> = { transA: o.transA, transB: o.transB };
  if (o.alpha !== undefined) attrs.alpha = { float: o.alpha };
  if (o.beta !== undefined) attrs.beta = { float: o.beta };
  return { model: makeSingleOpModel({ op: 'Gemm', inputs: Object.keys(feeds), feeds, attrs }), feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_gemm_'));

describe('gemmVjp', () => {
  const combos = [0, 1].flatMap((transA) =>
    [0, 1].flatMap((transB) =>
      [
        { alpha: undefined, beta: undefined },
        { alpha: 0.5, beta: 2 },
        { alpha: -1.5, beta: 0.25 },
      ].map((ab) => ({ transA, transB, ...ab })),
    ),
  );
  it.each(combos)(
    'matches finite differences for transA $transA, transB $transB, alpha $alpha, beta $beta',
    async (c) => {
      const { model, feeds } = gemmModel({ ...c, c: [M, N] });
      const r = await checkVjp({ model, feeds, eps: EPS });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    },
  );

  it.each([
    { name: '[N]', c: [N] },
    { name: '[1, N]', c: [1, N] },
    { name: '[M, 1]', c: [M, 1] },
    { name: 'a scalar', c: [] },
    { name: '[1]', c: [1] },
    { name: 'absent', c: undefined },
  ])('matches finite differences with C $name', async ({ c }) => {
    const { model, feeds } = gemmModel({ transA: 1, transB: 1, alpha: 0.5, beta: 1.5, c });
    const r = await checkVjp({ model, feeds, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, eps: EPS, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives dC = beta · Σ over rows of dY for a [N] bias', async () => {
    const { model, feeds } = gemmModel({ transA: 0, transB: 0, beta: 0.5, c: [N] });
    const r = await checkVjp({ model, feeds, seed: 14 });
    const s = randomValues(M * N, 14 * 7919);
    for (let j = 0; j < N; j++) {
      const want = 0.5 * [0, 1, 2].reduce((acc, i) => acc + s[i * N + j]!, 0);
      expect(r.gradients.c![j]).toBeCloseTo(want, 6);
    }
  });

  it('keeps a dynamic batch working (A rows follow the batch, as in a classifier head)', async () => {
    const { model } = gemmModel({ transA: 0, transB: 1, alpha: 1, beta: 1, c: [N] });
    model.graph.input[0]!.shape![0] = { param: 'batch' };
    const r = await checkVjpAtBatch({
      model,
      feed: (n) => randomFeeds({ a: [n, K], b: [N, K], c: [N] }, n),
      eps: EPS,
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
