import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { makeInt64Tensor } from '../../onnx/tensor-data';

function gatherModel(dims: number[], indexDims: number[], indices: number[], axis?: number, opset?: number) {
  const feeds = randomFeeds({ x: dims });
  const model = makeSingleOpModel({
    op: 'Gather',
    inputs: ['x', 'idx'],
    feeds,
    constants: [makeInt64Tensor('idx', indexDims, indices)],
    attrs: axis === undefined ? {} : { axis },
    opset,
  });
  return { model, feeds };
}

// Gather only: GatherElements and GatherND are other ops.
const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter(
  (t) => t.startsWith('test_gather_') && !t.startsWith('test_gather_elements'),
);

describe('gatherVjp', () => {
  it.each([
    { name: 'scalar index (the class token x[:, 0])', dims: [2, 5, 3], idx: [], v: [0], axis: 1 },
    { name: 'scalar negative index', dims: [4, 3], idx: [], v: [-1] },
    { name: 'one index kept as an axis', dims: [3, 2, 4], idx: [1], v: [2], axis: -1 },
    { name: 'several indices', dims: [5, 3], idx: [3], v: [4, 0, 2] },
    { name: 'repeated and negative indices', dims: [2, 4, 3], idx: [4], v: [1, -1, 1, 0], axis: 1 },
    { name: '2-D indices on the last axis', dims: [2, 3, 5], idx: [2, 2], v: [0, 4, -2, 4], axis: 2 },
    { name: '2-D indices on axis 0 at opset 13', dims: [4, 3], idx: [2, 3], v: [0, 1, 3, 3, 2, -4], axis: 0, op: 13 },
  ])('matches finite differences: $name', async ({ dims, idx, v, axis, op }) => {
    const { model, feeds } = gatherModel(dims, idx, v, axis, op);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('adds up the gradients of a repeated index', async () => {
    // y = x[[2, 0, 2]] for x of 3 values: dx = [s1, 0, s0 + s2].
    const { model, feeds } = gatherModel([3], [3], [2, 0, 2]);
    const r = await checkVjp({ model, feeds, seed: 6 });
    const [s0, s1, s2] = randomValues(3, 6 * 7919);
    expect([...r.gradients.x!]).toEqual([s1, 0, Math.fround(s0! + s2!)]);
  });

  it('differentiates with indices computed at run time (OneHot placement)', async () => {
    // idx = Cast(ArgMax(w)) picks rows of x that depend on another input.
    const feeds = randomFeeds({ x: [2, 4, 3], w: [3, 4] });
    const model = makeModel({
      nodes: [
        makeNode('ArgMax', ['w'], ['am'], { axis: 1, keepdims: 0 }),
        makeNode('Gather', ['x', 'am'], ['y'], { axis: 1 }),
      ],
      inputs: [makeValueInfo('x', [2, 4, 3]), makeValueInfo('w', [3, 4])],
      outputs: [makeValueInfo('y')],
      opset: 13,
    });
    const r = await checkVjp({ model, feeds, wrt: ['x'] });
    expect(r.maxRelErr).toBeLessThan(1e-3);
    expect(r.gradients.x!.some((g) => g === 0)).toBe(true);
  });

  it('keeps a dynamic batch working', async () => {
    for (const [idx, v] of [
      [[], [0]],
      [[2], [3, 1]],
    ] as const) {
      const { model } = gatherModel([1, 4, 3], [...idx], [...v], 1);
      model.graph.input[0]!.shape![0] = { param: 'N' };
      const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 4, 3] }, n) });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });

  it('refuses to gather along the batch axis', async () => {
    const { model } = gatherModel([1, 3], [], [0], 0);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    await expect(checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3] }, n) })).rejects.toThrow(
      /gathers along axis 0, which follows the batch size/,
    );
  });
});
