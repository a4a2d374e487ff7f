import { describe, expect, it } from 'vitest';
import { checkRestampedOnnxTest } from '../../../test/check-restamped-onnx-test';
import { checkVjp } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel, randomFeeds } from '../../../test/make-single-op-model';
import type { TAttrValue } from '../../onnx/make-model';

// ε = 1e-2 rather than checkVjp's 1e-3: here float32 rounding of the forward pass dominates the error at 1e-3
// (measured up to 7e-4 of the scale, falling below 1e-4 at 1e-2); the truncation error stays under that at 1e-2.
const EPS = 1e-2;

// ONNX's InstanceNormalization test models declare opset 6; InstanceNormalization-6 is unchanged up to opset 22
// (only its type list grew), so they are checked restamped at opset 13, after proving the restamped model
// reproduces the stored output.
const ONNX_TESTS = ['test_instancenorm_epsilon', 'test_instancenorm_example'];

function instanceNormModel(dims: number[], epsilon?: number) {
  const feeds = randomFeeds({ x: dims, scale: [dims[1]!], bias: [dims[1]!] }, 51);
  feeds.x!.data = feeds.x!.data.map((v, i) => 3 * v + (i % 5)); // instances with non-zero means
  const attrs: Record<string, TAttrValue> = epsilon === undefined ? {} : { epsilon: { float: epsilon } };
  const model = makeSingleOpModel({ op: 'InstanceNormalization', inputs: ['x', 'scale', 'bias'], feeds, attrs });
  return { model, feeds };
}

describe('instanceNormalizationVjp', () => {
  it.each([
    { dims: [2, 3, 4, 5], epsilon: undefined },
    { dims: [2, 3, 7], epsilon: 0.1 },
    // 36 values: above checkVjp's 32, so x is checked along random directions only (along one element, where
    // dx is ~1e-3 of its largest, float32 rounding of the forward pass alone is ~1e-3 of that element).
    { dims: [1, 2, 2, 3, 3], epsilon: undefined },
  ])('matches finite differences in x, scale and bias for $dims, epsilon $epsilon', async ({ dims, epsilon }) => {
    const { model, feeds } = instanceNormModel(dims, epsilon);
    const r = await checkVjp({ model, feeds, eps: EPS });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for InstanceNormalization', () => {
    expect(listOnnxTests(/^test_instancenorm(_|$)/)).toEqual(ONNX_TESTS);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s (restamped at opset 13)', async (test) => {
    const r = await checkRestampedOnnxTest(test, { eps: EPS, digits: 4 });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working, summing the scale and bias gradients over it', async () => {
    const { model, feeds } = instanceNormModel([1, 3, 4, 4]);
    model.graph.input[0]!.shape![0] = { param: 'N' };
    const r = await checkVjpAtBatch({
      model,
      feed: (n) => ({ x: randomFeeds({ x: [n, 3, 4, 4] }, n).x!, scale: feeds.scale!, bias: feeds.bias! }),
      eps: EPS,
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
