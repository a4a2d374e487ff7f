import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { checkVjp, randomValues } from '../../test/check-vjp';
import { makeTinyConvModel } from '../../test/make-tiny-conv-model';
import { decodeOnnxModel } from '../onnx/decode-onnx-model';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import { makeModel, makeNode, makeValueInfo } from '../onnx/make-model';
import { makeInt64Tensor } from '../onnx/tensor-data';
import { buildBackwardGraph } from './build-backward-graph';
import { probeShapeTable, probeShapeTableWith } from './probe-shape-table';

describe('buildBackwardGraph', () => {
  it('differentiates a small CNN end to end (finite differences)', async () => {
    const model = decodeOnnxModel(makeTinyConvModel());
    const r = await checkVjp({ model, feeds: { input: { dims: [2, 1, 8, 8], data: randomValues(128, 3) } } });
    expect(r.checks).toBeGreaterThan(3);
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('returns gradients w.r.t. an intermediate activation and the input together', async () => {
    const model = decodeOnnxModel(makeTinyConvModel());
    const r = await checkVjp({
      model,
      feeds: { input: { dims: [1, 1, 8, 8], data: randomValues(64, 5) } },
      wrt: ['input'],
    });
    expect(r.maxRelErr).toBeLessThan(1e-3);
  });

  it('fails with UNSUPPORTED_OP naming the op, the node and the path', async () => {
    const model = makeModel({
      inputs: [makeValueInfo('x', [1, 4])],
      outputs: [makeValueInfo('y', [1, 4])],
      nodes: [makeNode('LpNormalization', ['x'], ['s'], {}, 'my_lpnorm'), makeNode('Relu', ['s'], ['y'])],
    });
    const shapes = await probeShapeTableWith(model, () => ({ x: { dims: [1, 4] } }));
    expect(() => buildBackwardGraph({ model, output: 'y', wrt: ['x'], shapes })).toThrow(
      expect.objectContaining({
        code: 'UNSUPPORTED_OP',
        message: expect.stringMatching(/LpNormalization node "my_lpnorm".*no gradient rule.*passes through it/),
      }),
    );
  });

  it('refuses opsets older than 13 with a message saying how to fix it', async () => {
    const model = { ...decodeOnnxModel(makeTinyConvModel()), opsetImport: [{ domain: '', version: 11 }] };
    expect(() => buildBackwardGraph({ model, output: 'logits', wrt: ['input'], shapes: new Map() })).toThrow(
      /opset 11.*Re-export/,
    );
  });

  it('keeps a dynamic batch dimension working: built from probes at batch 1 and 2, run at batch 3', async () => {
    const model = decodeOnnxModel(makeTinyConvModel());
    const shapes = await probeShapeTable(model, { name: 'input', chw: [1, 8, 8] });
    expect(shapes.get('relu')?.dynamic).toEqual([true, false, false, false]);
    const bg = buildBackwardGraph({ model, output: 'logits', wrt: ['input', 'relu'], shapes });
    const session = await ort.InferenceSession.create(encodeOnnxModel(bg.model));
    const x = randomValues(3 * 64, 11);
    const seed = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const run = async (data: Float32Array, s: Float32Array, n: number) =>
      session.run({
        input: new ort.Tensor('float32', data, [n, 1, 8, 8]),
        [bg.seedInput]: new ort.Tensor('float32', s, [n, 3]),
      });
    const all = await run(x, seed, 3);
    for (let b = 0; b < 3; b++) {
      const single = await run(x.slice(b * 64, (b + 1) * 64), seed.slice(b * 3, b * 3 + 3), 1);
      const gAll = (all[bg.gradients.input!]!.data as Float32Array).slice(b * 64, (b + 1) * 64);
      const gOne = single[bg.gradients.input!]!.data as Float32Array;
      for (let i = 0; i < 64; i++) expect(gAll[i]).toBeCloseTo(gOne[i]!, 6);
      expect(all[bg.gradients.relu!]!.dims).toEqual([3, 4, 8, 8]);
    }
    await session.release();
  });

  it('treats shape arithmetic (Shape → Gather → Div → Slice bounds) as constants of the model, as ViT exports need', async () => {
    // y = x[:, :, d/2 : d] where d = shape(x)[2] is computed in the graph, as torch exports attention splits.
    const model = makeModel({
      inputs: [makeValueInfo('x', ['batch', 2, 6])],
      outputs: [makeValueInfo('y', ['batch', 2, 3])],
      initializers: [
        makeInt64Tensor('i2', [1], [2]),
        makeInt64Tensor('two', [1], [2]),
        makeInt64Tensor('ax', [1], [2]),
      ],
      nodes: [
        makeNode('Shape', ['x'], ['sx']),
        makeNode('Gather', ['sx', 'i2'], ['d'], { axis: 0 }),
        makeNode('Div', ['d', 'two'], ['half']),
        makeNode('Slice', ['x', 'half', 'd', 'ax'], ['s']),
        makeNode('Mul', ['s', 's'], ['y']),
      ],
    });
    const table = await probeShapeTableWith(model, (n) => ({ x: { dims: [n, 2, 6], data: randomValues(n * 12, 4) } }));
    expect(table.get('half')?.value).toEqual([3]);
    expect(table.get('sx')?.value).toBeUndefined(); // holds the batch size: not a constant
    const r = await checkVjp({ model, feeds: { x: { dims: [1, 2, 6], data: randomValues(12, 5) } } });
    expect(r.maxRelErr).toBeLessThan(1e-3);
    const g = r.gradients.x!;
    for (const i of [0, 1, 2, 6, 7, 8]) expect(g[i]).toBe(0); // the first half gets no gradient
  });
});
