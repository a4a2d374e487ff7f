import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { type OnnxTensor, TensorDataType } from '../../onnx/onnx-types';

const ONNX_TESTS = ['test_where_example'];
const EXCLUDED: Record<string, string> = { test_where_long_example: 'int64 branches: no float path to differentiate' };

function boolTensor(name: string, dims: number[], values: boolean[]): OnnxTensor {
  return { name, dims, dataType: TensorDataType.BOOL, rawData: Uint8Array.from(values, Number) };
}

describe('whereVjp', () => {
  it.each([
    { cond: [2, 3, 4], a: [2, 3, 4], b: [2, 3, 4] },
    { cond: [2, 1, 4], a: [3, 1], b: [2, 3, 4] },
    { cond: [3, 4], a: [], b: [2, 1, 4] },
  ])('matches finite differences for a constant condition $cond, branches $a and $b', async ({ cond, a, b }) => {
    const feeds = randomFeeds({ a, b }, 37);
    const n = cond.reduce((p, d) => p * d, 1);
    const constants = [
      boolTensor(
        'cond',
        cond,
        Array.from({ length: n }, (_, i) => (i * 7) % 3 !== 0),
      ),
    ];
    const model = makeSingleOpModel({ op: 'Where', inputs: ['cond', 'a', 'b'], feeds, constants });
    // y is linear in a and b (the condition is constant), so a large step has no truncation error and keeps the
    // float32 rounding small next to the gradient of a broadcast branch, a sum of seeds of both signs.
    const r = await checkVjp({ model, feeds, eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('matches finite differences when the condition is computed from the input (it gets no gradient)', async () => {
    // y = x > 0 ? x² : 0.1 · x, a smooth branch on each side of the kink at 0.
    const model = makeModel({
      inputs: [makeValueInfo('x', [2, 3, 4])],
      outputs: [makeValueInfo('y')],
      initializers: [],
      nodes: [
        makeNode('Constant', [], ['zero'], { value_float: { float: 0 } }),
        makeNode('Constant', [], ['tenth'], { value_float: { float: 0.1 } }),
        makeNode('Greater', ['x', 'zero'], ['positive']),
        makeNode('Mul', ['x', 'x'], ['square']),
        makeNode('Mul', ['x', 'tenth'], ['scaled']),
        makeNode('Where', ['positive', 'square', 'scaled'], ['y']),
      ],
    });
    const feeds = randomFeeds({ x: [2, 3, 4] }, 38);
    feeds.x!.data = feeds.x!.data.map((v) => v + Math.sign(v) * 0.05);
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Where', () => {
    expect(listOnnxTests(/^test_where(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // The output is linear (the condition is a constant) in the inputs, for which central differences are exact: a 0.1 step has no
    // truncation error, and the float32 rounding of a 1e-3 step on inputs up to 10 (≈5e-4 of it) disappears.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sends dy to the selected branch, summed where a branch was broadcast', async () => {
    const feeds = {
      a: { dims: [], data: Float32Array.from([1]) },
      b: { dims: [3], data: Float32Array.from([4, 5, 6]) },
    };
    const constants = [boolTensor('cond', [3], [true, false, true])];
    const model = makeSingleOpModel({ op: 'Where', inputs: ['cond', 'a', 'b'], feeds, constants });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 3] });
    expect(Array.from(g.a!)).toEqual([4]);
    expect(Array.from(g.b!)).toEqual([0, 2, 0]);
  });
});
