import { describe, expect, it } from 'vitest';
import { explainImage } from '../methods/explain-image';
import { GradientSessions } from '../methods/gradient-sessions';
import { makeFloatTensor, makeModelBytes, makeNode, makeValueInfo } from '../onnx';
import { Classifier } from './classifier';
import { inputLayout } from './input-layout';
import { listLayers } from './list-layers';

const [H, W] = [6, 5];
const w = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + seed) * 0.5);

/** A 3-channel CNN; channels-last takes [batch, H, W, 3] and transposes it first, as tf2onnx exports do. */
function rgbModel(channelsLast: boolean): Uint8Array {
  const body = [
    makeNode('Conv', ['chw', 'conv.w', 'conv.b'], ['conv'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
    makeNode('Relu', ['conv'], ['relu']),
    makeNode('GlobalAveragePool', ['relu'], ['gap']),
    makeNode('Flatten', ['gap'], ['flat'], { axis: 1 }),
    makeNode('Gemm', ['flat', 'fc.w', 'fc.b'], ['logits'], { transB: 1 }),
  ];
  return makeModelBytes({
    inputs: [makeValueInfo('image', channelsLast ? ['batch', H, W, 3] : ['batch', 3, H, W])],
    outputs: [makeValueInfo('logits', ['batch', 3])],
    initializers: [
      makeFloatTensor('conv.w', [4, 3, 3, 3], w(108, 1)),
      makeFloatTensor('conv.b', [4], w(4, 2)),
      makeFloatTensor('fc.w', [3, 4], w(12, 3)),
      makeFloatTensor('fc.b', [3], w(3, 4)),
    ],
    nodes: [
      channelsLast
        ? makeNode('Transpose', ['image'], ['chw'], { perm: [0, 3, 1, 2] })
        : makeNode('Identity', ['image'], ['chw']),
      ...body,
    ],
  });
}

const card = {
  name: 'rgb',
  version: '1',
  task: 'multiclass',
  labels: ['a', 'b', 'c'],
  input: { name: 'image', channels: 3, height: H, width: W, mean: [0, 0, 0], std: [1, 1, 1] },
  output: { name: 'logits', activation: 'softmax' },
};
const input = Float32Array.from({ length: 3 * H * W }, (_, i) => Math.cos(i * 0.71) * 2);

describe('channels-last models', () => {
  it('are read as NHWC only when the last dim looks like channels and the second does not', () => {
    const vi = (shape: (number | string)[]) => makeValueInfo('x', shape);
    expect(inputLayout(vi(['n', 224, 224, 3]))).toBe('NHWC');
    expect(inputLayout(vi([1, 'h', 'w', 1]))).toBe('NHWC');
    expect(inputLayout(vi(['n', 3, 224, 224]))).toBe('NCHW');
    expect(inputLayout(vi(['n', 3, 8, 3]))).toBe('NCHW');
    expect(inputLayout(vi(['n', 1, 'h', 'w']))).toBe('NCHW');
  });

  it('predict, explain and list layers exactly as the same model taking NCHW, and keep their own SHA-256', async () => {
    const nhwc = await Classifier.load(rgbModel(true), { card });
    const nchw = await Classifier.load(rgbModel(false), { card });
    try {
      expect(nhwc.inputLayout).toBe('NHWC');
      expect(nchw.inputLayout).toBe('NCHW');
      expect(nhwc.sha256).not.toBe(nchw.sha256);
      const [a] = await nhwc.predict([input]);
      const [b] = await nchw.predict([input]);
      expect(a!.logits).toEqual(b!.logits.map((v) => expect.closeTo(v, 6)));

      const sessions = [new GradientSessions(nhwc), new GradientSessions(nchw)];
      for (const method of ['saliency', 'gradcam', 'integrated-gradients'] as const) {
        const [x, y] = await Promise.all(sessions.map((s) => explainImage(s, input, { method, target: 1 })));
        expect(x!.shape).toEqual(y!.shape);
        expect(x!.layer).toBe(y!.layer);
        expect(Array.from(x!.map)).toEqual(Array.from(y!.map).map((v) => expect.closeTo(v, 5)));
      }
      expect(await Promise.all(sessions.map((s) => s.defaultCamLayer()))).toEqual(['relu', 'relu']);
      const layers = await listLayers(nhwc);
      expect(layers[0]).toMatchObject({ name: 'relu', dims: [1, 4, H, W], isDefaultCamLayer: true });
      await Promise.all(sessions.map((s) => s.dispose()));
    } finally {
      await nhwc.dispose().catch(() => undefined);
      await nchw.dispose().catch(() => undefined);
    }
  });

  it('are taken from the graph without a card too', async () => {
    const model = await Classifier.load(rgbModel(true));
    expect(model.card.input).toMatchObject({ channels: 3, height: H, width: W });
    expect(model.assumptions[0]).toMatch(/3×6×5 \(channels last\)/);
    await model.dispose();
  });

  it('are refused with the card field at fault when the card disagrees with them', async () => {
    const wrong = { ...card, input: { ...card.input, height: W, width: H } };
    await expect(Classifier.load(rgbModel(true), { card: wrong })).rejects.toMatchObject({
      code: 'INVALID_CARD',
      details: { field: 'input.height' },
    });
  });
});
