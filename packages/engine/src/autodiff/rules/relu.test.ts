import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo } from '../../onnx/make-model';
import { makeFloatTensor } from '../../onnx/tensor-data';

const ONNX_TESTS = ['test_relu'];

describe('reluVjp', () => {
  it.each([[[7]], [[2, 3, 4]]])('matches finite differences on %j (inputs 0.05 away from 0)', async (dims) => {
    const feeds = randomFeeds({ x: dims }, 41);
    feeds.x!.data = feeds.x!.data.map((v) => v + Math.sign(v) * 0.05);
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Relu', inputs: ['x'], feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Relu', () => {
    expect(listOnnxTests(/^test_relu(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  const feeds = { x: { dims: [6], data: Float32Array.from([-2, -1, 0, 1, 2, 3]) } };
  const seed = [5, -5, 5, 4, -3, 0];

  it('gives dy · [x > 0] in standard mode', async () => {
    const g = await backwardGradients({ model: makeSingleOpModel({ op: 'Relu', inputs: ['x'], feeds }), feeds, seed });
    expect(Array.from(g.x!, (v) => v + 0)).toEqual([0, 0, 0, 4, -3, 0]); // + 0 turns −0 into 0
  });

  it('gives max(dy, 0) · [x > 0] in guided mode, differing from standard where dy < 0 and x > 0', async () => {
    const model = makeSingleOpModel({ op: 'Relu', inputs: ['x'], feeds });
    const guided = await backwardGradients({ model, feeds, seed, reluMode: 'guided' });
    const standard = await backwardGradients({ model, feeds, seed });
    expect(Array.from(guided.x!, (v) => v + 0)).toEqual([0, 0, 0, 4, 0, 0]);
    expect(guided.x![4]).not.toBe(standard.x![4]);
  });

  it('zeroes negative gradients arriving from later layers in guided mode', async () => {
    // y = −relu(x): the Mul sends dy · (−1) < 0 back to the Relu, which guided mode zeroes and standard mode keeps.
    const model = makeModel({
      inputs: [makeValueInfo('x', [6])],
      outputs: [makeValueInfo('y')],
      initializers: [makeFloatTensor('minus', [], [-1])],
      nodes: [makeNode('Relu', ['x'], ['r']), makeNode('Mul', ['r', 'minus'], ['y'])],
    });
    const ones = [1, 1, 1, 1, 1, 1];
    const guided = await backwardGradients({ model, feeds, seed: ones, reluMode: 'guided' });
    const standard = await backwardGradients({ model, feeds, seed: ones });
    expect(Array.from(standard.x!, (v) => v + 0)).toEqual([0, 0, 0, -1, -1, -1]);
    expect(Array.from(guided.x!, (v) => v + 0)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
