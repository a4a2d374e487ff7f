import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../test/check-vjp';
import { checkVjpAtBatch } from '../../test/check-vjp-at-batch';
import { makeTinyVitModel } from '../../test/make-tiny-vit-model';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import { makeValueInfo } from '../onnx/make-model';
import type { OnnxModel } from '../onnx/onnx-types';
import { buildBackwardGraph } from './build-backward-graph';
import { probeShapeTable } from './probe-shape-table';

/** The tiny ViT from its patch tokens on: `tokens` [N, 4, 8] becomes the input (the batch read from it). */
function vitFromTokens(): OnnxModel {
  const m = makeTinyVitModel();
  const drop = new Set(['patches', 'patches_flat', 'tokens']);
  m.graph.node = m.graph.node.filter((n) => !n.output.some((o) => drop.has(o)));
  for (const n of m.graph.node) if (n.opType === 'Shape') n.input = ['tokens'];
  m.graph.input = [makeValueInfo('tokens', ['batch', 4, 8])];
  return m;
}

describe('buildBackwardGraph on a ViT (class token, attention, LayerNormalization, token-0 readout)', () => {
  it('differentiates the logits w.r.t. the image (finite differences)', async () => {
    const model = makeTinyVitModel();
    const r = await checkVjp({ model, feeds: { input: { dims: [2, 1, 8, 8], data: randomValues(128, 21) } } });
    expect(r.checks).toBe(4);
    expect(r.maxRelErr).toBeLessThan(1e-3);
    expect(r.gradients.input!.some((g) => g !== 0)).toBe(true);
  });

  it('differentiates w.r.t. the patch tokens, through the class token Concat (finite differences)', async () => {
    const model = vitFromTokens();
    const r = await checkVjp({ model, feeds: { tokens: { dims: [2, 4, 8], data: randomValues(64, 22) } } });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('keeps a dynamic batch working: built from probes at batch 1 and 2, checked at batch 3', async () => {
    const r = await checkVjpAtBatch({
      model: makeTinyVitModel(),
      feed: (n) => ({ input: { dims: [n, 1, 8, 8], data: randomValues(n * 64, 23 + n) } }),
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('returns per-sample gradients for the input, the tokens and the attention maps in one run', async () => {
    const model = makeTinyVitModel();
    const shapes = await probeShapeTable(model, { name: 'input', chw: [1, 8, 8] });
    const bg = buildBackwardGraph({ model, output: 'logits', wrt: ['input', 'tokens', 'attn'], shapes });
    expect(bg.opsOnPath).toEqual(
      expect.arrayContaining(['Concat', 'Gather', 'LayerNormalization', 'MatMul', 'Softmax', 'Split', 'Transpose']),
    );
    const session = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
    const x = randomValues(3 * 64, 24);
    const seed = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const run = (data: Float32Array, s: Float32Array, n: number) =>
      session.run({
        input: new ort.Tensor('float32', data, [n, 1, 8, 8]),
        [bg.seedInput]: new ort.Tensor('float32', s, [n, 3]),
      });
    const all = await run(x, seed, 3);
    expect(all[bg.gradients.tokens!]!.dims).toEqual([3, 4, 8]);
    expect(all[bg.gradients.attn!]!.dims).toEqual([3, 2, 5, 5]);
    for (let b = 0; b < 3; b++) {
      const one = await run(x.slice(b * 64, (b + 1) * 64), seed.slice(b * 3, b * 3 + 3), 1);
      for (const [t, size] of [
        ['input', 64],
        ['tokens', 32],
        ['attn', 50],
      ] as const) {
        const gAll = (all[bg.gradients[t]!]!.data as Float32Array).slice(b * size, (b + 1) * size);
        const gOne = one[bg.gradients[t]!]!.data as Float32Array;
        for (let i = 0; i < size; i++) expect(gAll[i]).toBeCloseTo(gOne[i]!, 5);
      }
    }
    await session.release();
  });
});
