import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_spacetodepth', 'test_spacetodepth_example'];

describe('spaceToDepthVjp', () => {
  it.each([
    { blocksize: 2, dims: [2, 3, 4, 6] },
    { blocksize: 3, dims: [1, 2, 3, 6] },
  ])('matches finite differences with block size $blocksize', async ({ blocksize, dims }) => {
    const feeds = randomFeeds({ x: dims }, 71);
    const model = makeSingleOpModel({ op: 'SpaceToDepth', inputs: ['x'], feeds, attrs: { blocksize } });
    const r = await checkVjp({ model, feeds, eps: 1e-2 }); // linear: see expand.test.ts on ε
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for SpaceToDepth', () => {
    expect(listOnnxTests(/^test_spacetodepth(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('returns dy permuted back, exactly', async () => {
    const feeds = { x: { dims: [1, 2, 2, 4], data: Float32Array.from({ length: 16 }, (_, i) => i) } };
    const model = makeSingleOpModel({ op: 'SpaceToDepth', inputs: ['x'], feeds, attrs: { blocksize: 2 } });
    const { output } = await checkVjp({ model, feeds, directions: 0 });
    const g = await backwardGradients({ model, feeds, seed: Array.from(output) });
    expect(Array.from(g.x!)).toEqual(Array.from(feeds.x.data));
  });

  it('keeps a dynamic batch working', async () => {
    const feeds = randomFeeds({ x: [1, 3, 4, 6] }, 72);
    const model = makeSingleOpModel({ op: 'SpaceToDepth', inputs: ['x'], feeds, attrs: { blocksize: 2 } });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4, 6] }, n), eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
