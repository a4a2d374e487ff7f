import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = ['test_erf'];

describe('erfVjp', () => {
  it.each([[[7]], [[2, 3, 4]]])('matches finite differences on %j', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 4);
    feeds.x!.data = feeds.x!.data.map((v) => v * 2);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Erf', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Erf', () => {
    expect(listOnnxTests(/^test_erf(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('gives 2/√π · e^(−x²): 2/√π at 0, 2/(e√π) at 1', async () => {
    const feeds = { x: { dims: [2], data: Float32Array.from([0, 1]) } };
    const g = await backwardGradients({
      model: makeSingleOpModel({ op: 'Erf', inputs: ['x'], feeds }),
      feeds,
      seed: [1, 1],
    });
    expect(g.x![0]).toBeCloseTo(2 / Math.sqrt(Math.PI), 6);
    expect(g.x![1]).toBeCloseTo(2 / (Math.E * Math.sqrt(Math.PI)), 6);
  });
});
