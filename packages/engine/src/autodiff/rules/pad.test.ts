import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';

function padModel(o: { dims: number[]; pads: number[]; mode?: string; value?: boolean; axes?: number[] }) {
  const feeds = randomFeeds(o.value ? { x: o.dims, v: [] } : { x: o.dims });
  const constants = [
    makeInt64Tensor('pads', [o.pads.length], o.pads),
    ...(o.axes ? [makeInt64Tensor('axes', [o.axes.length], o.axes)] : []),
  ];
  const inputs = ['x', 'pads', o.value ? 'v' : '', ...(o.axes ? ['axes'] : [])];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const model = makeSingleOpModel({
    op: 'Pad',
    inputs,
    feeds,
    constants,
    attrs: o.mode ? { mode: o.mode } : {},
    opset: o.axes ? 18 : 13,
  });
  return { model, feeds };
}

// test_edge_pad and test_reflect_pad pad int32 tensors: there is nothing to differentiate. Their float
// configurations (the same pads, [1, 3, 4, 5] inputs) are covered by the cases below.
const ONNX_TESTS = ['test_constant_pad'];

describe('padVjp', () => {
  it.each([
    { name: 'constant, with the pad value', dims: [2, 3, 4], pads: [0, 1, 2, 0, 2, 1], value: true },
    { name: 'constant, default value', dims: [3, 4], pads: [1, 0, 2, 3] },
    { name: 'constant, negative pads crop', dims: [4, 5], pads: [-1, 2, 1, -2], value: true },
    { name: 'edge', dims: [2, 3, 4], pads: [0, 2, 1, 0, 1, 3], mode: 'edge' },
    { name: 'reflect', dims: [2, 4, 5], pads: [0, 3, 1, 0, 2, 4], mode: 'reflect' },
    { name: 'reflect as in test_reflect_pad', dims: [1, 3, 4, 5], pads: [0, 0, 1, 1, 0, 0, 1, 1], mode: 'reflect' },
    { name: 'edge as in test_edge_pad', dims: [1, 3, 4, 5], pads: [0, 0, 1, 1, 0, 0, 1, 1], mode: 'edge' },
    { name: 'opset-18 axes input (negative)', dims: [2, 3, 4], pads: [1, 0, 2, 3], axes: [-1, 1], value: true },
    { name: 'opset-18 axes input, reflect', dims: [2, 3, 4], pads: [2, 1], axes: [-1], mode: 'reflect' },
  ])('matches finite differences: $name', async (c) => {
    const { model, feeds } = padModel(c);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    expect(Object.keys(feeds)).toEqual(['x', 'value']);
    const r = await checkVjp({ model, feeds, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('adds each margin to the element it copies (edge and reflect, 1-D)', async () => {
    const s = randomValues(6, 7 * 7919);
    // edge, pads (2, 1): y = [x0, x0, x0, x1, x2, x2]
    const edge = padModel({ dims: [3], pads: [2, 1], mode: 'edge' });
    const ge = (await checkVjp({ ...edge, seed: 7 })).gradients.x!;
    [s[0]! + s[1]! + s[2]!, s[3]!, s[4]! + s[5]!].forEach((want, i) => {
      expect(ge[i]).toBeCloseTo(want, 6);
    });
    // reflect, pads (2, 1): y = [x2, x1, x0, x1, x2, x1]
    const reflect = padModel({ dims: [3], pads: [2, 1], mode: 'reflect' });
    const gr = (await checkVjp({ ...reflect, seed: 7 })).gradients.x!;
    [s[2]!, s[1]! + s[3]! + s[5]!, s[0]! + s[4]!].forEach((want, i) => {
      expect(gr[i]).toBeCloseTo(want, 6);
    });
  });

  it('keeps a dynamic batch working', async () => {
    for (const mode of ['constant', 'reflect', 'edge']) {
      const { model } = padModel({ dims: [1, 2, 3, 4], pads: [0, 0, 1, 2, 0, 0, 2, 1], mode });
      model.graph.input[0]!.shape![0] = { param: 'N' };
      const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 2, 3, 4] }, n) });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });

  it('refuses wrap mode, naming it', async () => {
    const { model, feeds } = padModel({ dims: [3, 4], pads: [0, 1, 0, 1], mode: 'wrap' });
    model.opsetImport = [{ domain: '', version: 19 }];
    await expect(checkVjp({ model, feeds })).rejects.toThrow(/mode "wrap" has no rule/);
  });
});
