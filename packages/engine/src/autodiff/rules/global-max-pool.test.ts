import { describe, expect, it } from 'vitest';
import { checkBatchInvariance } from '../../../test/check-batch-invariance';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { distinctValues } from '../../../test/distinct-values';
import { makeSingleNodeModel } from '../../../test/make-single-node-model';

const size = (dims: readonly number[]) => dims.reduce((a, d) => a * d, 1);
const model = (dims: number[], dynamicBatch = false) =>
  makeSingleNodeModel({ op: 'GlobalMaxPool', inputs: [{ name: 'x', dims }], dynamicBatch });

describe('globalMaxPoolVjp', () => {
  for (const dims of [
    [2, 3, 4, 5],
    [3, 2, 7],
    [1, 2, 2, 3, 3],
  ]) {
    it(`matches finite differences on distinct values: [${dims.join(', ')}]`, async () => {
      const r = await checkVjp({ model: model(dims), feeds: { x: { dims, data: distinctValues(size(dims), 2) } } });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }

  it('sends each gradient to the first maximum on ties (analytic)', async () => {
    // Channel 0: [1, 5, 5, 2] → position 1; channel 1: [7, 0, 7, 7] → position 0.
    const r = await checkVjp({
      model: model([1, 2, 2, 2]),
      feeds: { x: { dims: [1, 2, 2, 2], data: Float32Array.from([1, 5, 5, 2, 7, 0, 7, 7]) } },
      directions: 0,
    });
    const [s0, s1] = randomValues(2, 7919) as unknown as [number, number];
    expect(Array.from(r.gradients.x!)).toEqual([0, s0, 0, 0, s1, 0, 0, 0].map((v) => expect.closeTo(v, 6)));
  });

  it('never bakes in the batch size', async () => {
    expect(
      await checkBatchInvariance({ model: model([1, 3, 4, 4], true), input: 'x', sampleDims: [3, 4, 4] }),
    ).toBeLessThan(1e-6);
  });

  // ONNX's GlobalMaxPool tests declare opset 1; the op is unchanged from 1 to 21, so they are restamped to
  // 13 (outputs checked). test_globalmaxpool has random-normal inputs (ε = 1e-4: see max-pool.test.ts);
  // _precomputed has 1…9 (ε = 0.1).
  for (const [test, eps] of [
    ['test_globalmaxpool', 1e-4],
    ['test_globalmaxpool_precomputed', 0.1],
  ] as const) {
    it(`matches finite differences on ONNX's ${test}`, async () => {
      const r = await checkRestampedOnnxTest(test, { eps });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }
});
