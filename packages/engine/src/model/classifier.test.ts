import { describe, expect, it } from 'vitest';
import { makeTinyConvModel } from '../../test/make-tiny-conv-model';
import { Classifier } from './classifier';
import { listLayers } from './list-layers';

const card = {
  name: 'tiny',
  version: '0.1.0',
  task: 'multiclass',
  labels: ['a', 'b', 'c'],
  input: { name: 'input', channels: 1, height: 8, width: 8, mean: [0.5], std: [0.25] },
  output: { name: 'logits', activation: 'softmax' },
  calibration: { temperature: 2 },
};

describe('Classifier', () => {
  it('loads with a card, identifies the model by SHA-256 and predicts a batch in one call', async () => {
    const bytes = makeTinyConvModel();
    const model = await Classifier.load(bytes, { card });
    expect(model.sha256).toMatch(/^[0-9a-f]{64}$/);
    const inputs = [0, 1, 2].map((k) => Float32Array.from({ length: 64 }, (_, i) => Math.cos(i * (k + 1))));
    const batch = await model.predict(inputs);
    const single = await model.predict([inputs[1]!]);
    expect(batch).toHaveLength(3);
    for (let j = 0; j < 3; j++) expect(batch[1]!.logits[j]).toBeCloseTo(single[0]!.logits[j]!, 5);
    for (const p of batch) {
      expect(p.scores.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 6);
      // temperature 2: softmax(logits / 2)
      const z = p.logits.map((v) => v / 2);
      const e = z.map(Math.exp);
      const s = e.reduce((a, v) => a + v, 0);
      p.scores.forEach((v, j) => {
        expect(v).toBeCloseTo(e[j]! / s, 6);
      });
    }
    await model.dispose();
  });

  it('infers a card from the graph when none is given and says what it assumed', async () => {
    const model = await Classifier.load(makeTinyConvModel(), { fallbackName: 'tiny' });
    expect(model.card.labels).toEqual(['class_0', 'class_1', 'class_2']);
    expect(model.card.input).toMatchObject({ name: 'input', channels: 1, height: 8, width: 8 });
    expect(model.assumptions.length).toBeGreaterThan(0);
    await model.dispose();
  });

  it.each([
    ['input.name', { input: { ...card.input, name: 'image' } }, /input.name.*"image" is not an input/],
    ['input.height', { input: { ...card.input, height: 16 } }, /input.height.*says 16.*has 8/],
    ['input.channels', { input: { ...card.input, channels: 3, mean: [0, 0, 0], std: [1, 1, 1] } }, /input.channels/],
    ['labels', { labels: ['a', 'b'] }, /labels.*2 labels.*3 values/],
    ['output.name', { output: { name: 'probs', activation: 'softmax' } }, /output.name/],
    ['input.std', { input: { ...card.input, std: [0] } }, /input.std/],
    ['task', { task: 'segmentation' }, /task/],
  ])('rejects a card whose %s contradicts the graph or the schema', async (_field, patch, message) => {
    await expect(Classifier.load(makeTinyConvModel(), { card: { ...card, ...patch } })).rejects.toMatchObject({
      code: 'INVALID_CARD',
      message: expect.stringMatching(message),
    });
  });

  it('lists layers with the default CAM layer marked', async () => {
    const model = await Classifier.load(makeTinyConvModel(), { card });
    const layers = await listLayers(model);
    expect(layers[0]).toMatchObject({ name: 'relu', dims: [1, 4, 8, 8], spatial: true, isDefaultCamLayer: true });
    expect(layers.filter((l) => l.isDefaultCamLayer)).toHaveLength(1);
    expect(layers.find((l) => l.name === 'logits')?.spatial).toBe(false);
    await model.dispose();
  });
});
