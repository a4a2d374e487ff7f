import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const NO_FLOAT_PATH = 'integer inputs: no float path to differentiate';
const NOT_FLOAT32 = 'the inputs are not float32, which the harness feeds, so they become constants: no float path';
const ONNX_TESTS = Object.fromEntries(
  ['Max', 'Min'].map((op) => {
    const p = `test_${op.toLowerCase()}`;
    const tests = [`${p}_example`, `${p}_float32`, `${p}_one_input`, `${p}_two_inputs`];
    const excluded: Record<string, string> = { [`${p}_float16`]: NOT_FLOAT32, [`${p}_float64`]: NOT_FLOAT32 };
    for (const t of ['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64']) {
      excluded[`${p}_${t}`] = NO_FLOAT_PATH;
    }
    return [op, { tests, excluded }];
  }),
) as Record<'Max' | 'Min', { tests: string[]; excluded: Record<string, string> }>;

describe.each(['Max', 'Min'] as const)('maxMinVjp for %s', (op) => {
  // Random inputs in [−1, 1]. Two compared values within a step (1e-3) of each other would put the finite
  // difference across a tie and fail the comparison loudly; these seeds have none.
  it.each<{ shapes: Record<string, number[]> }>([
    { shapes: { a: [2, 3, 4], b: [2, 3, 4] } },
    { shapes: { a: [2, 3, 4], b: [3, 1], c: [4] } },
    { shapes: { a: [3, 1], b: [1, 4] } },
    { shapes: { a: [2, 3], b: [] } },
  ])('matches finite differences for inputs $shapes', async ({ shapes }) => {
    const feeds = randomFeeds(shapes, 35);
    const model = makeSingleOpModel({ op, inputs: Object.keys(shapes), feeds });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it(`covers every ONNX test model for ${op}`, () => {
    const { tests, excluded } = ONNX_TESTS[op];
    const prefix = new RegExp(`^test_${op.toLowerCase()}(_|$)`);
    expect(listOnnxTests(prefix)).toEqual([...tests, ...Object.keys(excluded)].sort());
  });

  it.each(ONNX_TESTS[op].tests)('matches finite differences on ONNX test model %s', async (test) => {
    // Their inputs are distinct integers up to 5, where float32 spacing (5e-7) rounds a 1e-3 step by up to 2e-4
    // of itself. Compared values are ≥ 1 apart, so the output is linear within ±0.1: a 0.1 step is exact.
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: 0.1 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sends dy to the selected input and splits it equally between tied inputs', async () => {
    const feeds = {
      a: { dims: [4], data: Float32Array.from([1, 5, 2, 3]) },
      b: { dims: [4], data: Float32Array.from([4, 5, 2, 0]) },
      c: { dims: [4], data: Float32Array.from([2, 5, 7, 3]) },
    };
    const model = makeSingleOpModel({ op, inputs: ['a', 'b', 'c'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [6, 6, 6, 6] });
    // Max picks b, {a,b,c}, c, {a,c}; Min picks a, {a,b,c}, {a,b}, b.
    const expected =
      op === 'Max'
        ? { a: [0, 2, 0, 3], b: [6, 2, 0, 0], c: [0, 2, 6, 3] }
        : { a: [6, 2, 3, 0], b: [0, 2, 3, 6], c: [0, 2, 0, 0] };
    expect({ a: Array.from(g.a!), b: Array.from(g.b!), c: Array.from(g.c!) }).toEqual(expected);
  });

  it('keeps a dynamic batch working with a per-channel operand', async () => {
    const floor = { dims: [3, 1], data: Float32Array.from([-0.5, 0.1, 0.6]) };
    const model = makeSingleOpModel({
      op,
      inputs: ['a', 'b'],
      feeds: { a: { dims: [1, 3, 4], data: new Float32Array(12) }, b: floor },
    });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => ({ ...randomFeeds({ a: [n, 3, 4] }, 52 + n), b: floor }) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('passes dy through unchanged with a single input', async () => {
    const feeds = randomFeeds({ a: [3] }, 36);
    const g = await backwardGradients({
      model: makeSingleOpModel({ op, inputs: ['a'], feeds }),
      feeds,
      seed: [1, 2, 3],
    });
    expect(Array.from(g.a!)).toEqual([1, 2, 3]);
  });
});
