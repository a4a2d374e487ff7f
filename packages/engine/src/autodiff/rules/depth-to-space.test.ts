import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';

// Two of ONNX's DepthToSpace test models declare opset 11; DepthToSpace-11 and -13 differ only in their type
// lists, so all are checked at opset 13, after proving the restamped model reproduces the stored output.
const ONNX_TESTS = [
  'test_depthtospace_crd_mode',
  'test_depthtospace_crd_mode_example',
  'test_depthtospace_dcr_mode',
  'test_depthtospace_example',
];

describe('depthToSpaceVjp', () => {
  it.each([
    { mode: 'DCR', blocksize: 2, dims: [2, 8, 2, 3] },
    { mode: 'CRD', blocksize: 2, dims: [2, 8, 2, 3] },
    { mode: 'CRD', blocksize: 3, dims: [1, 18, 2, 2] },
  ])('matches finite differences in $mode mode, block size $blocksize', async ({ mode, blocksize, dims }) => {
    const feeds = randomFeeds({ x: dims }, 61);
    const attrs = { blocksize, mode };
    const r = await checkVjp({
      model: makeSingleOpModel({ op: 'DepthToSpace', inputs: ['x'], feeds, attrs }),
      feeds,
      eps: 1e-2, // linear: see expand.test.ts on ε
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for DepthToSpace', () => {
    expect(listOnnxTests(/^test_depthtospace(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test, { eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(['DCR', 'CRD'])('returns dy permuted back, exactly, in %s mode', async (mode) => {
    const feeds = { x: { dims: [1, 8, 1, 2], data: Float32Array.from({ length: 16 }, (_, i) => i) } };
    const model = makeSingleOpModel({ op: 'DepthToSpace', inputs: ['x'], feeds, attrs: { blocksize: 2, mode } });
    // Seeding with the forward output itself must give back x: the map is a permutation.
    const { output } = await checkVjp({ model, feeds, directions: 0 });
    const g = await backwardGradients({ model, feeds, seed: Array.from(output) });
    expect(Array.from(g.x!)).toEqual(Array.from(feeds.x.data));
  });

  it('keeps a dynamic batch working in CRD mode', async () => {
    const feeds = randomFeeds({ x: [1, 8, 2, 3] }, 62);
    const model = makeSingleOpModel({ op: 'DepthToSpace', inputs: ['x'], feeds, attrs: { blocksize: 2, mode: 'CRD' } });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 8, 2, 3] }, n), eps: 1e-2 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
