import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';

function tileModel(dims: number[], repeats: number[]) {
  const feeds = randomFeeds({ x: dims });
  const constants = [makeInt64Tensor('repeats', [repeats.length], repeats)];
  return { model: makeSingleOpModel({ op: 'Tile', inputs: ['x', 'repeats'], feeds, constants }), feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t === 'test_tile' || t.startsWith('test_tile_'));

describe('tileVjp', () => {
  it.each([
    { dims: [2, 3], repeats: [2, 1] },
    { dims: [2, 3], repeats: [1, 3] },
    { dims: [2, 1, 3], repeats: [3, 2, 2] },
    { dims: [4], repeats: [1] },
  ])('matches finite differences for $dims tiled $repeats', async ({ dims, repeats }) => {
    const { model, feeds } = tileModel(dims, repeats);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sums the tiles', async () => {
    // x [2] tiled 3 times: y = [x0, x1, x0, x1, x0, x1], dx = [s0 + s2 + s4, s1 + s3 + s5]
    const { model, feeds } = tileModel([2], [3]);
    const r = await checkVjp({ model, feeds, seed: 9 });
    const s = randomValues(6, 9 * 7919);
    expect(r.gradients.x![0]).toBeCloseTo(s[0]! + s[2]! + s[4]!, 6);
    expect(r.gradients.x![1]).toBeCloseTo(s[1]! + s[3]! + s[5]!, 6);
  });

  it('gives zeros when a repeat is 0', async () => {
    const { model, feeds } = tileModel([2, 2], [0, 1]);
    const r = await checkVjp({ model, feeds });
    expect([...r.gradients.x!]).toEqual([0, 0, 0, 0]);
  });

  it('keeps a dynamic batch working (repeat 1 on the batch axis)', async () => {
    const { model } = tileModel([1, 2, 3], [1, 2, 3]);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 2, 3] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
