import { describe, expect, it } from 'vitest';
import { checkBatchInvariance } from '../../../test/check-batch-invariance';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { makeSingleNodeModel } from '../../../test/make-single-node-model';
import type { TAttrValue } from '../../onnx/make-model';

const size = (dims: readonly number[]) => dims.reduce((a, d) => a * d, 1);

function poolModel(x: number[], attrs: Record<string, TAttrValue>, opset = 17) {
  return makeSingleNodeModel({ op: 'AveragePool', inputs: [{ name: 'x', dims: x }], attrs, opset });
}

const cases: { name: string; x: number[]; attrs: Record<string, TAttrValue>; opset?: number }[] = [
  { name: 'kernel 2 stride 2', x: [2, 2, 6, 6], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
  { name: 'kernel 3 stride 1, overlapping', x: [1, 2, 5, 6], attrs: { kernel_shape: [3, 3] } },
  {
    name: 'pads, count_include_pad 0 (divisor varies)',
    x: [1, 2, 5, 6],
    attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
    opset: 13,
  },
  {
    name: 'pads, count_include_pad 1',
    x: [1, 2, 5, 6],
    attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], count_include_pad: 1 },
    opset: 15,
  },
  {
    name: 'asymmetric pads, strides 3×2',
    x: [1, 2, 8, 7],
    attrs: { kernel_shape: [3, 2], strides: [3, 2], pads: [0, 1, 2, 0] },
  },
  {
    name: 'asymmetric pads, count_include_pad 1',
    x: [1, 2, 8, 7],
    attrs: { kernel_shape: [3, 2], strides: [3, 2], pads: [0, 1, 2, 0], count_include_pad: 1 },
  },
  {
    name: 'ceil_mode, overhanging windows',
    x: [1, 2, 6, 7],
    attrs: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 },
  },
  {
    name: 'ceil_mode with pads, count_include_pad 1',
    x: [1, 2, 6, 5],
    attrs: { kernel_shape: [3, 2], strides: [2, 2], pads: [1, 0, 1, 1], ceil_mode: 1, count_include_pad: 1 },
  },
  {
    name: 'ceil_mode with pads, count_include_pad 0',
    x: [1, 2, 6, 5],
    attrs: { kernel_shape: [3, 2], strides: [2, 2], pads: [1, 0, 1, 1], ceil_mode: 1 },
  },
  {
    name: 'SAME_UPPER stride 2, odd size',
    x: [1, 2, 7, 5],
    attrs: { kernel_shape: [3, 2], strides: [2, 2], auto_pad: 'SAME_UPPER' },
  },
  {
    name: 'SAME_LOWER stride 2, odd size',
    x: [1, 2, 7, 5],
    attrs: { kernel_shape: [3, 2], strides: [2, 2], auto_pad: 'SAME_LOWER' },
  },
  {
    name: 'SAME_UPPER, count_include_pad 1',
    x: [1, 2, 7, 5],
    attrs: { kernel_shape: [3, 3], strides: [2, 1], auto_pad: 'SAME_UPPER', count_include_pad: 1 },
  },
  { name: 'VALID', x: [1, 2, 7, 5], attrs: { kernel_shape: [3, 3], strides: [2, 2], auto_pad: 'VALID' } },
  { name: '1-D', x: [2, 3, 11], attrs: { kernel_shape: [3], strides: [2], pads: [1, 1] } },
  { name: '3-D', x: [1, 2, 4, 5, 5], attrs: { kernel_shape: [2, 3, 3], strides: [2, 2, 2], pads: [0, 1, 1, 0, 1, 1] } },
  {
    name: 'dilations (opset 19)',
    x: [1, 2, 7, 7],
    attrs: { kernel_shape: [2, 2], dilations: [2, 3], pads: [1, 1, 0, 1] },
    opset: 19,
  },
];

describe('averagePoolVjp', () => {
  for (const c of cases) {
    it(`matches finite differences: ${c.name}`, async () => {
      // Linear in x: the central difference is exact, and ε = 0.1 keeps float32 rounding far below 1e-3.
      const r = await checkVjp({
        model: poolModel(c.x, c.attrs, c.opset),
        feeds: { x: { dims: c.x, data: randomValues(size(c.x), 3) } },
        eps: 0.1,
      });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }

  it('divides by the real-window size at padded borders (analytic, 1-D)', async () => {
    // Kernel 3, pad 1 over x of length 3, count_include_pad 0: windows {x0,x1}/2, {x0,x1,x2}/3, {x1,x2}/2.
    const r = await checkVjp({
      model: poolModel([1, 1, 3], { kernel_shape: [3], pads: [1, 1] }),
      feeds: { x: { dims: [1, 1, 3], data: randomValues(3, 2) } },
    });
    const [s0, s1, s2] = randomValues(3, 7919) as unknown as [number, number, number];
    const want = [s0 / 2 + s1 / 3, s0 / 2 + s1 / 3 + s2 / 2, s1 / 3 + s2 / 2];
    expect(Array.from(r.gradients.x!)).toEqual(want.map((v) => expect.closeTo(v, 6)));
  });

  it('never bakes in the batch size', async () => {
    const model = makeSingleNodeModel({
      op: 'AveragePool',
      inputs: [{ name: 'x', dims: [1, 3, 7, 7] }],
      attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] },
      dynamicBatch: true,
    });
    expect(await checkBatchInvariance({ model, input: 'x', sampleDims: [3, 7, 7] })).toBeLessThan(1e-6);
  });

  // ONNX's AveragePool tests declare opset 11; AveragePool is unchanged from 11 to 18, so they are restamped
  // to 13 (outputs checked against the stored ones). Linear in x: ε = 0.5 is exact and keeps rounding of
  // the integer inputs (up to 25) small. Every listed test is used.
  for (const test of [
    'test_averagepool_1d_default',
    'test_averagepool_2d_ceil',
    'test_averagepool_2d_default',
    'test_averagepool_2d_pads',
    'test_averagepool_2d_pads_count_include_pad',
    'test_averagepool_2d_precomputed_pads',
    'test_averagepool_2d_precomputed_pads_count_include_pad',
    'test_averagepool_2d_precomputed_same_upper',
    'test_averagepool_2d_precomputed_strides',
    'test_averagepool_2d_same_lower',
    'test_averagepool_2d_same_upper',
    'test_averagepool_2d_strides',
    'test_averagepool_3d_default',
  ]) {
    it(`matches finite differences on ONNX's ${test}`, async () => {
      const r = await checkRestampedOnnxTest(test, { eps: 0.5, digits: 4 });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }
});
