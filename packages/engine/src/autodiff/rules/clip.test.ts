import { describe, expect, it } from 'vitest';
import { backwardGradients } from '../../../test/backward-gradients';
import { checkVjp, type Feeds, randomValues } from '../../../test/check-vjp';
import { listOnnxTests } from '../../../test/list-onnx-tests';
import { makeSingleOpModel } from '../../../test/make-single-op-model';
import { loadOnnxTestCase } from '../../../test/onnx-test-case';
import { makeFloatTensor } from '../../onnx/tensor-data';

const ONNX_TESTS = [
  'test_clip',
  'test_clip_default_inbounds',
  'test_clip_default_max',
  'test_clip_default_min',
  'test_clip_example',
  'test_clip_inbounds',
  'test_clip_outbounds',
  'test_clip_splitbounds',
];
const EXCLUDED: Record<string, string> = {
  test_clip_default_int8_inbounds: 'int8 input: no float path to differentiate',
  test_clip_default_int8_max: 'int8 input: no float path to differentiate',
  test_clip_default_int8_min: 'int8 input: no float path to differentiate',
};

/** x in [−3, 3], kept 0.05 away from the bounds. */
function xFeed(dims: number[], bounds: readonly number[], seed: number): Feeds[string] {
  const data = randomValues(
    dims.reduce((a, d) => a * d, 1),
    seed,
  ).map((v) => bounds.reduce((u, b) => (Math.abs(u - b) < 0.05 ? b + (u >= b ? 0.05 : -0.05) : u), v * 3));
  return { dims, data };
}

const scalar = (v: number) => ({ dims: [], data: Float32Array.from([v]) });

describe('clipVjp', () => {
  it.each([
    { name: 'min and max', inputs: ['x', 'lo', 'hi'], lo: -1, hi: 1.5 },
    { name: 'min only', inputs: ['x', 'lo'], lo: -0.5 },
    { name: 'max only, min an empty name', inputs: ['x', '', 'hi'], hi: 0.7 },
    { name: 'no bounds', inputs: ['x'] },
    { name: 'min above max (the output is max everywhere)', inputs: ['x', 'lo', 'hi'], lo: 1, hi: -1 },
  ])('matches finite differences for x, min and max: $name', async ({ inputs, lo, hi }) => {
    const feeds: Feeds = {
      x: xFeed(
        [2, 3, 4],
        [lo, hi].filter((b) => b !== undefined),
        19,
      ),
      ...(lo === undefined ? {} : { lo: scalar(lo) }),
      ...(hi === undefined ? {} : { hi: scalar(hi) }),
    };
    const r = await checkVjp({ model: makeSingleOpModel({ op: 'Clip', inputs, feeds }), feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('matches finite differences for ReLU6, Clip(x, 0, 6) with constant bounds', async () => {
    const feeds = { x: xFeed([2, 3, 4], [0, 6], 20) };
    feeds.x.data = feeds.x.data.map((v) => v * 3);
    const constants = [makeFloatTensor('zero', [], [0]), makeFloatTensor('six', [], [6])];
    const model = makeSingleOpModel({ op: 'Clip', inputs: ['x', 'zero', 'six'], feeds, constants });
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('covers every ONNX test model for Clip', () => {
    expect(listOnnxTests(/^test_clip(_|$)/)).toEqual([...ONNX_TESTS, ...Object.keys(EXCLUDED)].sort());
  });

  it.each(ONNX_TESTS)('matches finite differences on ONNX test model %s', async (test) => {
    // Clip is linear in x, min and max between kinks, so central differences are exact for any step that
    // crosses no kink: take half the smallest distance from an input to a bound (at most 0.1). A 1e-3 step would
    // be rounded by up to 2.5e-4 of itself on inputs of ±6.
    const { model, feeds } = loadOnnxTestCase(test);
    const bounds = [feeds.min?.data[0], feeds.max?.data[0]].filter((b) => b !== undefined);
    const gaps = Array.from(feeds.x!.data).flatMap((x) => bounds.map((b) => Math.abs(x - b)));
    const eps = Math.min(0.1, ...gaps.map((g) => g / 2));
    expect(eps).toBeGreaterThan(1e-3);
    const r = await checkVjp({ model, feeds, eps });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('sends each output gradient to whichever of x, min, max the output equals', async () => {
    const feeds = { x: { dims: [4], data: Float32Array.from([-3, 0.5, 2, 9]) }, lo: scalar(0), hi: scalar(6) };
    const model = makeSingleOpModel({ op: 'Clip', inputs: ['x', 'lo', 'hi'], feeds });
    const g = await backwardGradients({ model, feeds, seed: [1, 2, 4, 8] });
    expect(Array.from(g.x!)).toEqual([0, 2, 4, 0]);
    expect(Array.from(g.lo!)).toEqual([1]);
    expect(Array.from(g.hi!)).toEqual([8]);
  });
});
