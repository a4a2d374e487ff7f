import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { makeFloatTensor, makeInt64Tensor } from '../../onnx/tensor-data';

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_concat_'));

describe('concatVjp', () => {
  it.each([
    {
      axis: 0,
      shapes: [
        [2, 3],
        [1, 3],
        [3, 3],
      ],
    },
    {
      axis: 1,
      shapes: [
        [2, 1, 4],
        [2, 3, 4],
      ],
    },
    {
      axis: -1,
      shapes: [
        [2, 3, 2],
        [2, 3, 1],
        [2, 3, 3],
      ],
    },
    {
      axis: -3,
      shapes: [
        [1, 2, 2],
        [2, 2, 2],
      ],
    },
  ])('matches finite differences along axis $axis', async ({ axis, shapes }) => {
    const feeds = randomFeeds(Object.fromEntries(shapes.map((s, i) => [`x${i}`, s])));
    const model = makeSingleOpModel({ op: 'Concat', inputs: Object.keys(feeds), feeds, attrs: { axis } });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds });
    expect(r.checks).toBeGreaterThan(4);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('hands each input exactly its own piece of the output gradient', async () => {
    const feeds = randomFeeds({ a: [2, 1], b: [2, 2] });
    const model = makeSingleOpModel({ op: 'Concat', inputs: ['a', 'b'], feeds, attrs: { axis: 1 } });
    const r = await checkVjp({ model, feeds, seed: 2 });
    const s = randomValues(6, 2 * 7919); // seed rows [s0 s1 s2], [s3 s4 s5]
    expect([...r.gradients.a!]).toEqual([s[0], s[3]]);
    expect([...r.gradients.b!]).toEqual([s[1], s[2], s[4], s[5]]);
  });

  it('gives no gradient to a constant input (a class token) and works with a dynamic batch', async () => {
    // y = Concat(Expand(cls, [N, 1, 4]), x) along the token axis, as in a ViT.
    const model = makeModel({
      nodes: [
        makeNode('Shape', ['x'], ['xs']),
        makeNode('Gather', ['xs', 'zero'], ['n']),
        makeNode('Concat', ['n', 'one_four'], ['shape'], { axis: 0 }),
        makeNode('Expand', ['cls', 'shape'], ['tok']),
        makeNode('Concat', ['tok', 'x'], ['y'], { axis: 1 }),
      ],
      inputs: [makeValueInfo('x', ['N', 3, 4])],
      outputs: [makeValueInfo('y')],
      initializers: [
        makeFloatTensor('cls', [1, 1, 4], [0.1, 0.2, 0.3, 0.4]),
        makeInt64Tensor('zero', [1], [0]),
        makeInt64Tensor('one_four', [2], [1, 4]),
      ],
    });
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('splits the gradient by runtime sizes when concatenating along the batch axis', async () => {
    const model = makeModel({
      nodes: [makeNode('Concat', ['a', 'b'], ['y'], { axis: 0 })],
      inputs: [makeValueInfo('a', ['N', 3]), makeValueInfo('b', ['N', 3])],
      outputs: [makeValueInfo('y')],
    });
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ a: [n, 3], b: [n, 3] }, n) });
    expect(r.checks).toBe(8);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
