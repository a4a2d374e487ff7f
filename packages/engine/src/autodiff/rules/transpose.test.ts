import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = [
  'test_transpose_default',
  ...Array.from({ length: 6 }, (_, i) => `test_transpose_all_permutations_${i}`),
];

describe('transposeVjp', () => {
  it.each([
    { perm: undefined, dims: [2, 3, 4] },
    { perm: [1, 0], dims: [3, 5] },
    { perm: [0, 2, 3, 1], dims: [2, 3, 4, 5] },
    { perm: [2, 0, 1], dims: [2, 3, 4] },
  ])('matches finite differences for perm $perm on $dims', async ({ perm, dims }) => {
    const feeds = randomFeeds({ x: dims });
    const model = makeSingleOpModel({ op: 'Transpose', inputs: ['x'], feeds, attrs: perm ? { perm } : {} });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds });
    expect(r.checks).toBeGreaterThan(4);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('routes each output gradient back to the input element it came from', async () => {
    // y = xᵀ for x [2, 3]: with seed s, dx[i][j] = s[j][i].
    const feeds = randomFeeds({ x: [2, 3] });
    const model = makeSingleOpModel({ op: 'Transpose', inputs: ['x'], feeds });
    const r = await checkVjp({ model, feeds, seed: 4 });
    const s = randomValues(6, 4 * 7919);
    const g = r.gradients.x!;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(g[i * 3 + j]).toBe(s[j * 2 + i]);
  });

  it('keeps a dynamic batch working', async () => {
    const feeds = randomFeeds({ x: [1, 3, 4] });
    const model = makeSingleOpModel({ op: 'Transpose', inputs: ['x'], feeds, attrs: { perm: [0, 2, 1] } });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
