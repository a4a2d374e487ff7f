import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeInt64Tensor } from '../../onnx/tensor-data';
import { upgradeToOpset13 } from '../../onnx/upgrade-to-opset-13';

// These ops are linear (S = Σ seed·x in another order), so central differences are exact for any ε; ε = 1
// keeps the float32 rounding of x ± εv negligible.
const EPS = 1;

function withShapeInput(op: string, dims: number[], name: string, values: number[], attrs = {}) {
  const feeds = randomFeeds({ x: dims });
  const constants = [makeInt64Tensor(name, [values.length], values)];
  return { model: makeSingleOpModel({ op, inputs: ['x', name], feeds, constants, attrs }), feeds };
}

function withoutShapeInput(op: string, dims: number[], attrs = {}) {
  const feeds = randomFeeds({ x: dims });
  return { model: makeSingleOpModel({ op, inputs: ['x'], feeds, attrs }), feeds };
}

const flatten = (dims: number[], axis?: number) =>
  withoutShapeInput('Flatten', dims, axis === undefined ? {} : { axis });

const onnxTests = (prefix: string) => readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith(prefix));
const ONNX_TESTS = [
  // test_reshape_allowzero_reordered reshapes an empty [0, 3, 4] tensor: no values, nothing to differentiate.
  ...onnxTests('test_reshape_').filter((t) => t !== 'test_reshape_allowzero_reordered'),
  ...onnxTests('test_flatten_'),
  ...onnxTests('test_squeeze'),
  // test_unsqueeze_axis_3 is an opset-11 model (axes as an attribute): checked below after upgradeToOpset13.
  ...onnxTests('test_unsqueeze_').filter((t) => t !== 'test_unsqueeze_axis_3'),
];

describe('reshapeLikeVjp', () => {
  it.each([
    { name: 'Reshape with 0 and -1', model: () => withShapeInput('Reshape', [2, 3, 4], 'shape', [0, -1, 2]) },
    { name: 'Reshape to 1-D', model: () => withShapeInput('Reshape', [2, 3, 4], 'shape', [-1]) },
    { name: 'Reshape with more dims', model: () => withShapeInput('Reshape', [6, 4], 'shape', [2, 0, 3, -1]) },
    { name: 'Flatten axis 0', model: () => flatten([2, 3, 4], 0) },
    { name: 'Flatten default axis (1)', model: () => flatten([2, 3, 4]) },
    { name: 'Flatten axis 2', model: () => flatten([2, 3, 4], 2) },
    { name: 'Flatten axis -1', model: () => flatten([2, 3, 4], -1) },
    { name: 'Squeeze axes [1, -1]', model: () => withShapeInput('Squeeze', [2, 1, 3, 1], 'axes', [1, -1]) },
    { name: 'Squeeze without axes', model: () => withoutShapeInput('Squeeze', [1, 3, 1, 2]) },
    { name: 'Unsqueeze axes [0, -1]', model: () => withShapeInput('Unsqueeze', [2, 3], 'axes', [0, -1]) },
  ])('matches finite differences: $name', async ({ model: make }) => {
    const { model, feeds } = make();
    const r = await checkVjp({ model, feeds, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    const r = await checkVjp({ model, feeds, eps: EPS, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('matches finite differences on the opset-11 ONNX test model test_unsqueeze_axis_3, upgraded as models load', async () => {
    const { model, feeds } = loadOnnxTestCase('test_unsqueeze_axis_3');
    const r = await checkVjp({ model: upgradeToOpset13(model), feeds, eps: EPS, directions: 3 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('returns the output gradient unchanged in row-major order', async () => {
    const { model, feeds } = withShapeInput('Reshape', [2, 3], 'shape', [3, 2]);
    const r = await checkVjp({ model, feeds, seed: 15 });
    expect([...r.gradients.x!]).toEqual([...randomValues(6, 15 * 7919)]);
  });

  it('keeps a dynamic batch working (Reshape with 0, Flatten, Unsqueeze)', async () => {
    const makes = [
      () => withShapeInput('Reshape', [1, 3, 4], 'shape', [0, -1]),
      () => flatten([1, 3, 4], 1),
      () => withShapeInput('Unsqueeze', [1, 3, 4], 'axes', [1]),
    ];
    for (const make of makes) {
      const { model } = make();
      model.graph.input[0]!.shape![0] = { param: 'N' };
      const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n), eps: EPS });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });
});
