import { describe, expect, it } from 'vitest';
import { checkBatchInvariance } from '../../../test/check-batch-invariance';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { freezeFeeds } from '../../../test/freeze-feeds';
import { makeSingleNodeModel } from '../../../test/make-single-node-model';
import type { TAttrValue } from '../../onnx/make-model';

const size = (dims: readonly number[]) => dims.reduce((a, d) => a * d, 1);

function convModel(xDims: number[], wDims: number[], attrs: Record<string, TAttrValue>, bias = true, seed = 1) {
  return makeSingleNodeModel({
    op: 'Conv',
    inputs: [
      { name: 'x', dims: xDims },
      { name: 'w', dims: wDims, values: randomValues(size(wDims), seed) },
      bias ? { name: 'b', dims: [wDims[0]!], values: randomValues(wDims[0]!, seed + 1) } : '',
    ],
    attrs,
  });
}

const cases: { name: string; x: number[]; w: number[]; attrs: Record<string, TAttrValue> }[] = [
  { name: '2-D, pads 1', x: [2, 2, 5, 5], w: [3, 2, 3, 3], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
  { name: 'no pads', x: [1, 2, 6, 5], w: [2, 2, 3, 2], attrs: { kernel_shape: [3, 2] } },
  { name: 'stride 2, odd size 7×5', x: [1, 2, 7, 5], w: [2, 2, 3, 3], attrs: { strides: [2, 2], pads: [1, 1, 1, 1] } },
  { name: 'stride 2 unpadded, odd size', x: [1, 1, 7, 9], w: [2, 1, 3, 3], attrs: { strides: [2, 2] } },
  {
    name: 'stride 3×2, asymmetric pads',
    x: [1, 2, 8, 7],
    w: [2, 2, 3, 3],
    attrs: { strides: [3, 2], pads: [1, 0, 2, 1] },
  },
  { name: 'dilations 2', x: [1, 2, 7, 7], w: [2, 2, 3, 3], attrs: { dilations: [2, 2], pads: [2, 1, 2, 1] } },
  { name: 'dilation and stride', x: [1, 1, 9, 8], w: [2, 1, 2, 3], attrs: { dilations: [2, 3], strides: [2, 2] } },
  { name: 'groups 2', x: [1, 4, 5, 5], w: [6, 2, 3, 3], attrs: { group: 2, pads: [1, 1, 1, 1] } },
  {
    name: 'depthwise, stride 2, SAME_UPPER (MobileNet/EfficientNet)',
    x: [2, 3, 7, 7],
    w: [3, 1, 3, 3],
    attrs: { group: 3, strides: [2, 2], auto_pad: 'SAME_UPPER' },
  },
  {
    name: 'depthwise with multiplier 2, 5×5',
    x: [1, 2, 6, 6],
    w: [4, 1, 5, 5],
    attrs: { group: 2, pads: [2, 2, 2, 2], strides: [2, 2] },
  },
  {
    name: 'SAME_UPPER, stride 2, odd',
    x: [1, 2, 7, 6],
    w: [2, 2, 4, 3],
    attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] },
  },
  {
    name: 'SAME_LOWER, stride 2, odd',
    x: [1, 2, 7, 6],
    w: [2, 2, 4, 3],
    attrs: { auto_pad: 'SAME_LOWER', strides: [2, 2] },
  },
  { name: 'VALID, stride 2', x: [1, 2, 7, 6], w: [2, 2, 3, 3], attrs: { auto_pad: 'VALID', strides: [2, 2] } },
  // Stride s > 1 on both axes of a 2-D conv takes the sub-pixel form (adjoint-conv.ts): shifted phases, kernels
  // shorter than, equal to and not a multiple of the stride, pads beyond one block, overhang at the end.
  {
    name: '7×7 stride 2 pad 3 (ResNet stem)',
    x: [1, 3, 11, 10],
    w: [4, 3, 7, 7],
    attrs: { strides: [2, 2], pads: [3, 3, 3, 3] },
  },
  { name: '1×1 stride 2 (downsample shortcut)', x: [2, 3, 7, 6], w: [4, 3, 1, 1], attrs: { strides: [2, 2] } },
  { name: '2×2 stride 2 (kernel = stride)', x: [1, 2, 6, 7], w: [3, 2, 2, 2], attrs: { strides: [2, 2] } },
  { name: '4×4 stride 2 pad 1', x: [1, 2, 8, 9], w: [2, 2, 4, 4], attrs: { strides: [2, 2], pads: [1, 1, 1, 1] } },
  {
    name: '5×3 stride 3, asymmetric pads',
    x: [1, 2, 10, 11],
    w: [2, 2, 5, 3],
    attrs: { strides: [3, 3], pads: [4, 0, 1, 2] },
  },
  {
    name: 'depthwise 5×5 stride 2 pad 2 (EfficientNet)',
    x: [1, 4, 9, 8],
    w: [4, 1, 5, 5],
    attrs: { strides: [2, 2], pads: [2, 2, 2, 2], group: 4 },
  },
  {
    name: 'groups 2, stride 2',
    x: [1, 4, 7, 7],
    w: [6, 2, 3, 3],
    attrs: { strides: [2, 2], pads: [1, 1, 1, 1], group: 2 },
  },
  { name: 'kernel_shape absent, 1×1', x: [1, 3, 4, 4], w: [2, 3, 1, 1], attrs: {} },
  { name: '1-D, stride 2, pads', x: [2, 2, 9], w: [3, 2, 3], attrs: { strides: [2], pads: [1, 0] } },
  { name: '1-D, dilation 2, pads', x: [1, 2, 8], w: [2, 2, 3], attrs: { dilations: [2], pads: [2, 1] } },
  {
    name: '3-D, stride 2, pads',
    x: [1, 2, 5, 4, 5],
    w: [2, 2, 3, 2, 3],
    attrs: { strides: [2, 1, 2], pads: [1, 0, 1, 1, 1, 0] },
  },
];

describe('convVjp', () => {
  for (const c of cases) {
    it(`matches finite differences: ${c.name}`, async () => {
      const r = await checkVjp({
        model: convModel(c.x, c.w, c.attrs),
        feeds: { x: { dims: c.x, data: randomValues(size(c.x), 3) } },
      });
      expect(r.gradients.x).toHaveLength(size(c.x));
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }

  it('gives the analytic gradient of a 1-D stride-2 conv (rows never reached get zero)', async () => {
    // y[i] = x[2i] + 2·x[2i+1] + 3·x[2i+2] over x of length 6 → y of length 2; x[5] is never reached.
    const model = makeSingleNodeModel({
      op: 'Conv',
      inputs: [
        { name: 'x', dims: [1, 1, 6] },
        { name: 'w', dims: [1, 1, 3], values: [1, 2, 3] },
      ],
      attrs: { strides: [2] },
    });
    const r = await checkVjp({ model, feeds: { x: { dims: [1, 1, 6], data: randomValues(6, 4) } } });
    // seed s = randomValues(2, 7919) inside checkVjp; dx = [s0, 2s0, 3s0 + s1, 2s1, 3s1, 0].
    const [s0, s1] = randomValues(2, 7919);
    const want = [s0!, 2 * s0!, 3 * s0! + s1!, 2 * s1!, 3 * s1!, 0];
    expect(Array.from(r.gradients.x!)).toEqual(want.map((v) => expect.closeTo(v, 6)));
  });

  it('builds the bias gradient (sum of dy over batch and positions)', async () => {
    const model = makeSingleNodeModel({
      op: 'Conv',
      inputs: [
        { name: 'x', dims: [2, 2, 5, 4] },
        { name: 'w', dims: [3, 2, 3, 3], values: randomValues(54, 5) },
        { name: 'b', dims: [3] },
      ],
      attrs: { strides: [2, 1], pads: [1, 1, 1, 1] },
    });
    const r = await checkVjp({
      model,
      feeds: { x: { dims: [2, 2, 5, 4], data: randomValues(80, 6) }, b: { dims: [3], data: randomValues(3, 8) } },
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('refuses gradients w.r.t. the weights, naming why', async () => {
    const model = makeSingleNodeModel({
      op: 'Conv',
      inputs: [
        { name: 'x', dims: [1, 1, 4, 4] },
        { name: 'w', dims: [1, 1, 3, 3] },
      ],
    });
    await expect(
      checkVjp({
        model,
        feeds: {
          x: { dims: [1, 1, 4, 4], data: randomValues(16, 1) },
          w: { dims: [1, 1, 3, 3], data: randomValues(9, 2) },
        },
      }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_OP', message: expect.stringMatching(/weights/) });
  });

  it('never bakes in the batch size', async () => {
    const model = makeSingleNodeModel({
      op: 'Conv',
      inputs: [
        { name: 'x', dims: [1, 4, 7, 7] },
        { name: 'w', dims: [4, 1, 3, 3], values: randomValues(36, 9) },
      ],
      attrs: { group: 4, strides: [2, 2], auto_pad: 'SAME_LOWER' },
      dynamicBatch: true,
    });
    expect(await checkBatchInvariance({ model, input: 'x', sampleDims: [4, 7, 7] })).toBeLessThan(1e-6);
  });

  // ONNX's Conv operator tests declare opset 11; Conv is unchanged from opset 11 to 21, so they are
  // restamped to 13 and their stored outputs are checked first. The weights are fed inputs there and become
  // constants here (the rule refuses weight gradients). Their inputs are 0…34 and weights 1, so S is large
  // and float32 rounding over ε = 1e-3 would dominate: Conv is linear in x, so the central difference is
  // exact for any ε and ε = 0.5 is used. Every Conv test is used; the other names matching 'conv'
  // (test_*convinteger*, test_qlinearconv) are integer ops with no gradient.
  for (const test of [
    'test_basic_conv_with_padding',
    'test_basic_conv_without_padding',
    'test_conv_with_autopad_same',
    'test_conv_with_strides_and_asymmetric_padding',
    'test_conv_with_strides_no_padding',
    'test_conv_with_strides_padding',
  ]) {
    it(`matches finite differences on ONNX's ${test}`, async () => {
      const r = await checkRestampedOnnxTest(test, {
        eps: 0.5,
        digits: 4,
        // The weights, the second input, are fed there: constants here.
        feeds: (model, feeds) => freezeFeeds(model, feeds, [model.graph.input[1]!.name]),
      });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    });
  }
});
