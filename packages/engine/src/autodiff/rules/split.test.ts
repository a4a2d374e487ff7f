import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../../test/check-vjp';
import { checkVjpAtBatch } from '../../../test/check-vjp-at-batch';
import { randomFeeds } from '../../../test/make-single-op-model';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from '../../../test/onnx-test-case';
import { makeModel, makeNode, makeValueInfo, type TAttrValue } from '../../onnx/make-model';
import { makeFloatTensor, makeInt64Tensor } from '../../onnx/tensor-data';

/** Split x into `parts` outputs, then y = Concat(w₀·y₀, w₂·y₂, …) along `axis` with output 1 left unused. */
function splitModel(o: {
  dims: (number | string)[];
  parts: number;
  attrs?: Record<string, TAttrValue>;
  split?: number[];
  opset?: number;
}) {
  const outs = Array.from({ length: o.parts }, (_, i) => `p${i}`);
  const used = outs.filter((_, i) => i !== 1);
  const axis = typeof o.attrs?.axis === 'number' ? o.attrs.axis : 0;
  return makeModel({
    nodes: [
      makeNode('Split', o.split ? ['x', 'split'] : ['x'], outs, o.attrs ?? {}),
      ...used.map((p, k) => makeNode('Mul', [p, `w${k}`], [`m${k}`])),
      makeNode(
        'Concat',
        used.map((_, k) => `m${k}`),
        ['y'],
        { axis },
      ),
    ],
    inputs: [makeValueInfo('x', o.dims)],
    outputs: [makeValueInfo('y')],
    initializers: [
      ...used.map((_, k) => makeFloatTensor(`w${k}`, [], [k + 2])),
      ...(o.split ? [makeInt64Tensor('split', [o.split.length], o.split)] : []),
    ],
    opset: o.opset ?? 17,
  });
}

// Not usable: test_split_zero_size_splits splits an empty tensor (no values, nothing to differentiate).
const ONNX_TESTS = readdirSync(ONNX_NODE_TESTS).filter(
  (t) => t.startsWith('test_split_') && t !== 'test_split_zero_size_splits',
);

describe('splitVjp', () => {
  it.each<Parameters<typeof splitModel>[0]>([
    { dims: [6, 2], parts: 3, attrs: {} },
    { dims: [2, 7], parts: 3, attrs: { axis: 1 }, split: [2, 1, 4] },
    { dims: [2, 3, 4], parts: 2, attrs: { axis: -1 } },
    { dims: [2, 5, 3], parts: 3, attrs: { axis: -2 }, split: [1, 3, 1] },
    { dims: [2, 7], parts: 3, attrs: { axis: 1, num_outputs: 3 }, opset: 18 },
  ])('matches finite differences for $dims in $parts parts, $attrs', async (c) => {
    const model = splitModel(c);
    const feeds = randomFeeds({ x: c.dims as number[] });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    const { model, feeds } = loadOnnxTestCase(test);
    // The test models return every piece; differentiate each of them in turn.
    for (const out of model.graph.output) {
      const r = await checkVjp({ model, feeds, output: out.name });
      expect(r.maxRelErr).toBeLessThan(1e-3);
    }
  });

  it('gives the unused output zeros and each used output its own gradient', async () => {
    const model = splitModel({ dims: [3], parts: 3 });
    const r = await checkVjp({ model, feeds: randomFeeds({ x: [3] }), seed: 3 });
    const s = randomValues(2, 3 * 7919);
    expect([...r.gradients.x!]).toEqual([2 * s[0]!, 0, 3 * s[1]!].map(Math.fround));
  });

  it('keeps a dynamic batch working', async () => {
    const model = splitModel({ dims: ['N', 6], parts: 3, attrs: { axis: 1 }, split: [1, 2, 3] });
    const r = await checkVjpAtBatch({ model, feed: (n) => randomFeeds({ x: [n, 6] }, n) });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });
});
