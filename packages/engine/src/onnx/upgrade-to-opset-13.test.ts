import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { checkVjp } from '../../test/check-vjp';
import { makeSingleOpModel, randomFeeds } from '../../test/make-single-op-model';
import { makeTinyConvModel } from '../../test/make-tiny-conv-model';
import { TINY_CARD } from '../../test/tiny-sessions';
import { buildBackwardGraph } from '../autodiff/build-backward-graph';
import { probeShapeTableWith } from '../autodiff/probe-shape-table';
import { explainImage } from '../methods/explain-image';
import { GradientSessions } from '../methods/gradient-sessions';
import { Classifier } from '../model/classifier';
import { decodeOnnxModel } from './decode-onnx-model';
import { encodeOnnxModel } from './encode-onnx-model';
import type { TAttrValue } from './make-model';
import type { OnnxModel } from './onnx-types';
import { defaultOpset, upgradeToOpset13 } from './upgrade-to-opset-13';

const CASES: { op: string; dims: number[]; attrs: Record<string, TAttrValue>; outputs?: number }[] = [
  { op: 'ReduceSum', dims: [2, 3, 4], attrs: { axes: [1], keepdims: 0 } },
  { op: 'ReduceSum', dims: [2, 3, 4], attrs: { axes: [0, -1] } },
  { op: 'Squeeze', dims: [2, 1, 3, 1], attrs: { axes: [1, -1] } },
  { op: 'Unsqueeze', dims: [2, 3], attrs: { axes: [0, 3] } },
  { op: 'Split', dims: [2, 5], attrs: { axis: 1, split: [2, 3] }, outputs: 2 },
  // Before opset 13 these normalise over every dim from `axis` on (the input read as 2-D), not over one dim.
  { op: 'Softmax', dims: [2, 3, 4], attrs: { axis: 1 } },
  { op: 'Softmax', dims: [2, 3, 4], attrs: { axis: -1 } },
  { op: 'LogSoftmax', dims: [2, 3, 4], attrs: {} },
  { op: 'Hardmax', dims: [2, 3, 4], attrs: { axis: 0 } },
];

async function run(model: OnnxModel, feeds: ReturnType<typeof randomFeeds>): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(encodeOnnxModel(model));
  try {
    const x = feeds.x!;
    return (await session.run({ x: new ort.Tensor('float32', x.data, x.dims) })).y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('upgradeToOpset13', () => {
  it.each(CASES.flatMap((c) => [11, 12].map((opset) => ({ ...c, opset }))))(
    '$op $attrs at opset $opset computes what the original computes',
    async ({ op, dims, attrs, outputs, opset }) => {
      const feeds = randomFeeds({ x: dims }, 5);
      const model = makeSingleOpModel({ op, inputs: ['x'], feeds, attrs, opset, ...(outputs ? { outputs } : {}) });
      const upgraded = upgradeToOpset13(model);
      expect(defaultOpset(upgraded)).toBe(13);
      for (const n of upgraded.graph.node) expect(n.attribute.map((a) => a.name)).not.toContain('axes');
      const [before, after] = await Promise.all([run(model, feeds), run(upgraded, feeds)]);
      expect(after.length).toBe(before.length);
      expect(Array.from(after)).toEqual(Array.from(before).map((v) => expect.closeTo(v, 6)));
    },
  );

  it('leaves models at opset 13 or later, and older than 11, as they are', () => {
    const feeds = randomFeeds({ x: [2, 3] });
    for (const opset of [10, 13, 17]) {
      const model = makeSingleOpModel({ op: 'Softmax', inputs: ['x'], feeds, opset });
      expect(upgradeToOpset13(model)).toBe(model);
    }
  });

  it('lets the builder differentiate an opset-11 graph, matching finite differences', async () => {
    const feeds = randomFeeds({ x: [2, 3, 4] }, 6);
    const model = upgradeToOpset13(
      makeSingleOpModel({ op: 'Softmax', inputs: ['x'], feeds, attrs: { axis: 1 }, opset: 11 }),
    );
    const r = await checkVjp({ model, feeds });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('is applied when a classifier loads: an opset-11 model explains as its opset-17 twin does', async () => {
    const at17 = decodeOnnxModel(makeTinyConvModel());
    const at11: OnnxModel = { ...at17, opsetImport: [{ domain: '', version: 11 }] };
    const input = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i * 0.37) * 2);
    const maps: Float32Array[] = [];
    for (const [model, runs] of [
      [at11, 13],
      [at17, 17],
    ] as const) {
      const classifier = await Classifier.load(encodeOnnxModel(model), { card: TINY_CARD });
      expect(defaultOpset(classifier.onnx)).toBe(runs);
      const sessions = new GradientSessions(classifier);
      maps.push((await explainImage(sessions, input, { method: 'saliency', target: 2 })).map);
      await sessions.dispose();
      await classifier.dispose();
    }
    expect(Array.from(maps[0]!)).toEqual(Array.from(maps[1]!));
  });

  it('still refuses opset 10 in the builder, saying what to do', async () => {
    const feeds = randomFeeds({ x: [2, 3] });
    const model = makeSingleOpModel({ op: 'Relu', inputs: ['x'], feeds, opset: 10 });
    const shapes = await probeShapeTableWith(model, () => feeds);
    expect(() => buildBackwardGraph({ model, output: 'y', wrt: ['x'], shapes })).toThrow(
      /opset 10.*opset 13 or later.*opset_version=13/,
    );
  });
});
