import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { makeInt64Tensor } from '../../onnx/tensor-data';

function expandModel(dims: number[], shape: number[]) {
  const feeds = randomFeeds({ x: dims });
  const constants = [makeInt64Tensor('shape', [shape.length], shape)];
  return { model: makeSingleOpModel({ op: 'Expand', inputs: ['x', 'shape'], feeds, constants }), feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_expand_'));

describe('expandVjp', () => {
  it.each([
    { dims: [3, 1], shape: [2, 3, 4] },
    { dims: [1, 4], shape: [3, 1] },
    { dims: [2, 1, 3], shape: [2, 5, 3] },
    { dims: [4], shape: [2, 3, 1] },
    { dims: [2, 3], shape: [2, 3] },
    { dims: [], shape: [2, 2] },
  ])('matches finite differences for $dims expanded to $shape', async ({ dims, shape }) => {
    const { model, feeds } = expandModel(dims, shape);
    // Expand is linear, so the central difference has no truncation error and a larger ε only shrinks the
    // error of rounding x ± εv to float32 (which reaches 1e-3 for a lone scalar along a short direction).
    const r = await checkVjp({ model, feeds, eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sums the copies', async () => {
    // x [2, 1] → [2, 3]: dx[i] = Σ_j s[i, j]
    const { model, feeds } = expandModel([2, 1], [2, 3]);
    const r = await checkVjp({ model, feeds, seed: 8 });
    const s = randomValues(6, 8 * 7919);
    expect(r.gradients.x![0]).toBeCloseTo(s[0]! + s[1]! + s[2]!, 6);
    expect(r.gradients.x![1]).toBeCloseTo(s[3]! + s[4]! + s[5]!, 6);
  });

  it('sums over a batch axis a token is expanded along (ViT class token)', async () => {
    // y = Expand(t, [N, 1, 1]) · x with t [1, 1, 4] an input: dt sums over the batch.
    const model = makeModel({
      nodes: [
        makeNode('Shape', ['x'], ['xs']),
        makeNode('Slice', ['xs', 'zero', 'one'], ['n']),
        makeNode('Concat', ['n', 'ones'], ['shape'], { axis: 0 }),
        makeNode('Expand', ['t', 'shape'], ['te']),
        makeNode('Mul', ['te', 'x'], ['y']),
      ],
      inputs: [makeValueInfo('t', [1, 1, 4]), makeValueInfo('x', ['N', 1, 4])],
      outputs: [makeValueInfo('y')],
      initializers: [
        makeInt64Tensor('zero', [1], [0]),
        makeInt64Tensor('one', [1], [1]),
        makeInt64Tensor('ones', [2], [1, 1]),
      ],
    });
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ t: [1, 1, 4], x: [n, 1, 4] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
