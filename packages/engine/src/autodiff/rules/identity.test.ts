import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';

const ONNX_TESTS = [
  'test_dropout_default',
  'test_dropout_default_mask',
  'test_dropout_default_mask_ratio',
  'test_dropout_default_ratio',
  'test_identity',
];
const EXCLUDED: Record<string, string> = {
  test_dropout_default_old: 'opset 11',
  test_dropout_random_old: 'opset 11',
  test_identity_opt: 'an optional-typed input, not a tensor',
  test_identity_sequence: 'a sequence-typed input, not a tensor',
};

describe('identityVjp', () => {
  it.each([
    { op: 'Identity', outputs: 1 },
    { op: 'Dropout', outputs: 1 },
    { op: 'Dropout', outputs: 2 }, // with its mask output
  ])('matches finite differences for $op with $outputs output(s)', async ({ op, outputs }) => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 49);
    const r = await checkVjp({ model: makeSingleOpModel({ op, inputs: ['x'], feeds, outputs }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Identity and Dropout', () => {
    expect(listOnnxTests(/^test_(identity|dropout)(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const r = await checkVjp(loadOnnxTestCase(test));
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(['Identity', 'Dropout'])('passes dy through %s unchanged', async (op) => {
    const feeds = randomFeeds({ x: [4] }, 50);
    const g = await backwardGradients({
      model: makeSingleOpModel({ op, inputs: ['x'], feeds }),
      feeds,
      seed: [1, -2, 3, -4],
    });
    expect(Array.from(g.x!)).toEqual([1, -2, 3, -4]);
  });
});
