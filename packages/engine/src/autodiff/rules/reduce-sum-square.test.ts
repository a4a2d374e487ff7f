import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { makeReduceModel, REDUCE_CASES } from '../../../test/make-reduce-model';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';

// Quadratic, so central differences are exact for any ε; a large ε keeps float32 rounding of S (about 1e-7 of
// Σ|seed·y|, divided by 2ε) small against directional derivatives along single small elements of x.
const EPS = 0.1;

const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter((t) => t.startsWith('test_reduce_sum_square_'));

describe('reduceSumSquareVjp', () => {
  it.each(REDUCE_CASES)('matches finite differences for $dims over axes $axes, $attrs (opset $opset)', async (c) => {
    const { model, feeds } = makeReduceModel('ReduceSumSquare', c);
    const r = await checkVjp({ model, feeds, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers the ONNX test models', () => {
    expect(ONNX_TESTS.length).toBe(8);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp({ ...loadOnnxTestCase(test), eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working', async () => {
    const { model } = makeReduceModel('ReduceSumSquare', { dims: [1, 3, 4], axes: [1, 2], attrs: { keepdims: 0 } });
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 3, 4] }, n), eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 2 · x · dy', async () => {
    const feeds = { x: { dims: [2, 2], data: Float32Array.from([3, -4, 0.5, 0]) } };
    const model = makeSingleOpModel({ op: 'ReduceSumSquare', inputs: ['x'], feeds, attrs: { axes: [1] } });
    const g = await backwardGradients({ model, feeds, seed: [1, 2] });
    expect(Array.from(g.x!)).toEqual([6, -8, 2, 0]);
  });
});
