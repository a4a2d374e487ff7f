import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import type { OnnxTensor } from '../../onnx/onnx-types';
import { makeInt64Tensor } from '../../onnx/tensor-data';
import { slicePositions } from './slice';

// As doubles: 2⁶³ − 1 rounds to 2⁶³, so the int64 tensors are written from bigints (see int64).
const INT64_MAX = 2 ** 63 - 1;
const INT64_MIN = -(2 ** 63);

/** An int64 tensor; the rounded INT64_MAX is written as the exact 2⁶³ − 1 PyTorch exports. */
function int64(name: string, values: number[]): OnnxTensor {
  const b = new BigInt64Array(values.map((v) => (v === INT64_MAX ? 2n ** 63n - 1n : BigInt(v))));
  return { name, dims: [values.length], dataType: 7, rawData: new Uint8Array(b.buffer) };
}

function sliceModel(dims: number[], starts: number[], ends: number[], axes?: number[], steps?: number[]) {
  const feeds = randomFeeds({ x: dims });
  const constants = [
    int64('starts', starts),
    int64('ends', ends),
    ...(axes ? [int64('axes', axes)] : []),
    ...(steps ? [int64('steps', steps)] : []),
  ];
  const inputs = ['x', 'starts', 'ends', axes ? 'axes' : '', steps ? 'steps' : ''];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  return { model: makeSingleOpModel({ op: 'Slice', inputs, feeds, constants }), feeds };
}

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t === 'test_slice' || t.startsWith('test_slice_'));

describe('slicePositions', () => {
  it('follows the ONNX rules for negative values, clamping and steps', () => {
    expect(slicePositions(5, 1, 4, 1)).toEqual([1, 2, 3]);
    expect(slicePositions(5, -3, INT64_MAX, 1)).toEqual([2, 3, 4]);
    expect(slicePositions(5, 0, 5, 2)).toEqual([0, 2, 4]);
    expect(slicePositions(5, -1, INT64_MIN, -1)).toEqual([4, 3, 2, 1, 0]);
    expect(slicePositions(5, 10, -10, -2)).toEqual([4, 2, 0]);
    expect(slicePositions(5, 7, 9, 1)).toEqual([]);
    expect(slicePositions(5, 3, 1, 1)).toEqual([]);
  });
});

describe('sliceVjp', () => {
  it.each([
    { name: 'step 1 on two axes', dims: [4, 5], s: [1, -4], e: [3, -1], a: [0, 1] },
    { name: 'default axes and steps', dims: [4, 5, 2], s: [1, 0], e: [4, 3] },
    { name: 'negative axes', dims: [3, 4, 5], s: [1, 2], e: [INT64_MAX, 4], a: [-1, -2] },
    { name: 'ends past the axis', dims: [3, 6], s: [2], e: [100], a: [1], st: [1] },
    { name: 'step 2', dims: [3, 7], s: [1], e: [7], a: [1], st: [2] },
    { name: 'steps 3 and 2 together', dims: [7, 6], s: [0, 1], e: [7, 6], a: [0, 1], st: [3, 2] },
    { name: 'reversal (step −1)', dims: [2, 5], s: [-1], e: [INT64_MIN], a: [1], st: [-1] },
    { name: 'step −2 from past the end', dims: [6, 3], s: [100], e: [-100], a: [0], st: [-2] },
    { name: 'mixed strided and contiguous axes', dims: [2, 6, 5], s: [4, 1], e: [0, 4], a: [1, 2], st: [-2, 1] },
  ])('matches finite differences: $name', async ({ dims, s, e, a, st }) => {
    const { model, feeds } = sliceModel(dims, s, e, a, st);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('scatters a strided, reversed slice back to the positions it came from', async () => {
    // y = x[4:0:-2] = [x4, x2] for x of 6 values: dx = [0, 0, s1, 0, s0, 0].
    const { model, feeds } = sliceModel([6], [4], [0], [0], [-2]);
    const r = await checkVjp({ model, feeds, seed: 5 });
    const [s0, s1] = randomValues(2, 5 * 7919);
    expect([...r.gradients.x!]).toEqual([0, 0, s1, 0, s0, 0]);
  });

  it('gives zeros when the slice is empty', async () => {
    const { model, feeds } = sliceModel([2, 4], [3], [1], [1]);
    const r = await checkVjp({ model, feeds });
    expect([...r.gradients.x!]).toEqual(new Array(8).fill(0));
  });

  it('keeps a dynamic batch working when the batch axis is sliced in full (a PyTorch x[:, 1:, ::2])', async () => {
    const { model } = sliceModel([1, 5, 6], [0, 1, 0], [INT64_MAX, INT64_MAX, INT64_MAX], [0, 1, 2], [1, 1, 2]);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 5, 6] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('refuses a partial slice of the batch axis and runtime starts, naming why', async () => {
    const { model } = sliceModel([1, 5], [1], [INT64_MAX], [0]);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    await expect(checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 5] }, n) })).rejects.toThrow(
      /slices axis 0, which follows the batch size/,
    );
    const feeds = randomFeeds({ x: [3, 4], starts: [1] });
    const runtime = makeSingleOpModel({
      op: 'Slice',
      inputs: ['x', 'starts_i', 'ends'],
      feeds,
      constants: [makeInt64Tensor('ends', [1], [3])],
    });
    runtime.graph.node.unshift({
      opType: 'Cast',
      input: ['starts'],
      output: ['starts_i'],
      name: 'cast',
      domain: '',
      attribute: [{ name: 'to', type: 2, i: 7 }],
    });
    feeds.starts!.data[0] = 1;
    await expect(checkVjp({ model: runtime, feeds, wrt: ['x'] })).rejects.toThrow(/starts are computed at run time/);
  });
});
