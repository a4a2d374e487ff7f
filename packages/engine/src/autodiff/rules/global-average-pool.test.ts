import { describe, expect, it } from 'vitest';
import { checkBatchInvariance } from '../../../test/check-batch-invariance';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { makeSingleNodeModel } from '../../../test/make-single-node-model';

const size = (dims: readonly number[]) => dims.reduce((a, d) => a * d, 1);
const model = (dims: number[], dynamicBatch = false) =>
  makeSingleNodeModel({ op: 'GlobalAveragePool', inputs: [{ name: 'x', dims }], dynamicBatch });

describe('globalAveragePoolVjp', () => {
  for (const dims of [
    [2, 3, 4, 5],
    [3, 2, 7],
    [1, 2, 2, 3, 3],
  ]) {
    it(`matches finite differences: [${dims.join(', ')}]`, async () => {
      // Linear: ε = 0.1 is exact and keeps float32 rounding small.
      const r = await checkVjp({
        model: model(dims),
        feeds: { x: { dims, data: randomValues(size(dims), 2) } },
        eps: 0.1,
      });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }

  it('spreads dy evenly over the positions (analytic)', async () => {
    const r = await checkVjp({
      model: model([1, 2, 2, 3]),
      feeds: { x: { dims: [1, 2, 2, 3], data: randomValues(12, 4) } },
    });
    const [s0, s1] = randomValues(2, 7919) as unknown as [number, number];
    const want = [...new Array(6).fill(s0 / 6), ...new Array(6).fill(s1 / 6)];
    expect(Array.from(r.gradients.x!)).toEqual(want.map((v) => expect.closeTo(v, 6)));
  });

  it('never bakes in the batch size', async () => {
    expect(
      await checkBatchInvariance({ model: model([1, 3, 4, 4], true), input: 'x', sampleDims: [3, 4, 4] }),
    ).toBeLessThan(1e-6);
  });

  // ONNX's GlobalAveragePool tests declare opset 1; the op is unchanged from 1 to 21, so they are restamped
  // to 13 (outputs checked). Linear: ε = 0.1.
  for (const test of ['test_globalaveragepool', 'test_globalaveragepool_precomputed']) {
    it(`matches finite differences on ONNX's ${test}`, async () => {
      const r = await checkRestampedOnnxTest(test, { eps: 0.1 });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }
});
