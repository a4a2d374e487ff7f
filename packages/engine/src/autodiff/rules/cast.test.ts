import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import type { OnnxNode } from '../../onnx/onnx-types';

const FLOAT = 1;
const FLOAT16 = 10;
const DOUBLE = 11;
const INT64 = 7;

const NOT_FLOAT32_INPUT = 'the input is not float32, which the harness feeds, so it becomes a constant: no float path';
const NOT_FLOAT32_OUTPUT =
  'the differentiated output must be float32 (the seed is float32); covered by the chains below';
const EXCLUDED: Record<string, string> = {
  test_cast_BFLOAT16_to_FLOAT: NOT_FLOAT32_INPUT,
  test_cast_DOUBLE_to_FLOAT: NOT_FLOAT32_INPUT,
  test_cast_DOUBLE_to_FLOAT16: NOT_FLOAT32_INPUT,
  test_cast_FLOAT16_to_DOUBLE: NOT_FLOAT32_INPUT,
  test_cast_FLOAT16_to_FLOAT: NOT_FLOAT32_INPUT,
  test_cast_STRING_to_FLOAT: NOT_FLOAT32_INPUT,
  test_cast_FLOAT_to_BFLOAT16: `${NOT_FLOAT32_OUTPUT} (bfloat16 is not a differentiable type here)`,
  test_cast_FLOAT_to_DOUBLE: NOT_FLOAT32_OUTPUT,
  test_cast_FLOAT_to_FLOAT16: NOT_FLOAT32_OUTPUT,
  test_cast_FLOAT_to_STRING: 'a string output carries no gradient',
};

function chain(nodes: OnnxNode[], dims: number[]) {
  return makeModel({ inputs: [makeValueInfo('x', dims)], outputs: [makeValueInfo('y')], nodes });
}

describe('castVjp', () => {
  it('covers every ONNX test model for Cast (none has both a float32 input and a float32 output)', () => {
    expect(listOnnxTests(/^test_cast_/)).toEqual(Object.keys(EXCLUDED).sort());
    for (const test of Object.keys(EXCLUDED)) expect(() => loadOnnxTestCase(test)).not.toThrow();
  });

  it('matches finite differences through float32 → float64 → float32', async () => {
    const model = chain(
      [makeNode('Cast', ['x'], ['d'], { to: DOUBLE }), makeNode('Cast', ['d'], ['y'], { to: FLOAT })],
      [2, 3, 4],
    );
    const feeds = { x: { dims: [2, 3, 4], data: randomValues(24, 31) } };
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('matches finite differences through a float64 section whose rules need float64 constants', async () => {
    const model = chain(
      [
        makeNode('Cast', ['x'], ['d'], { to: DOUBLE }),
        makeNode('Sigmoid', ['d'], ['s']),
        makeNode('Tanh', ['s'], ['t']),
        makeNode('Mul', ['t', 'd'], ['m']),
        makeNode('Softmax', ['m'], ['p'], { axis: 1 }),
        makeNode('Cast', ['p'], ['y'], { to: FLOAT }),
      ],
      [4, 10],
    );
    // 40 values (over 32): random directions only, as a per-element softmax derivative can nearly cancel.
    const feeds = { x: { dims: [4, 10], data: randomValues(40, 32).map((v) => v * 2) } };
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('passes the gradient through float32 → float16 → float32 rounded to float16, as the forward value is', async () => {
    const model = chain(
      [makeNode('Cast', ['x'], ['h'], { to: FLOAT16 }), makeNode('Cast', ['h'], ['y'], { to: FLOAT })],
      [4],
    );
    const feeds = { x: { dims: [4], data: Float32Array.from([0.1, 1, -2, 3]) } };
    const g = await backwardGradients({ model, feeds, seed: [1, 0.1, 1 / 3, -1e-8] });
    expect(Array.from(g.x!)).toEqual([1, 0.0999755859375, 0.333251953125, -0]);
  });

  it('passes no gradient through an integer cast (rounding is flat almost everywhere)', async () => {
    const model = chain(
      [makeNode('Cast', ['x'], ['i'], { to: INT64 }), makeNode('Cast', ['i'], ['y'], { to: FLOAT })],
      [3],
    );
    const feeds = { x: { dims: [3], data: Float32Array.from([0.5, 1.5, -2.5]) } };
    const g = await backwardGradients({ model, feeds, seed: [1, 1, 1] });
    expect(Array.from(g.x!)).toEqual([0, 0, 0]);
  });
});
