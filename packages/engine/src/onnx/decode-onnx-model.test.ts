import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { makeTinyConvModel } from '../../test/make-tiny-conv-model';
import { decodeOnnxModel, decodeTensor } from './decode-onnx-model';
import { encodeOnnxModel } from './encode-onnx-model';
import { ProtobufReader } from './protobuf-reader';
import { tensorToFloat32 } from './tensor-data';

describe('decodeOnnxModel / encodeOnnxModel', () => {
  it('round-trips a model so that onnxruntime computes the same outputs', async () => {
    const bytes = makeTinyConvModel();
    const model = decodeOnnxModel(bytes);
    expect(model.graph.node.map((n) => n.opType)).toEqual(['Conv', 'Relu', 'GlobalAveragePool', 'Flatten', 'Gemm']);
    expect(model.opsetImport[0]?.version).toBe(17);
    const again = encodeOnnxModel(model);
    expect(decodeOnnxModel(again)).toEqual(model);
    const a = await ort.InferenceSession.create(bytes);
    const b = await ort.InferenceSession.create(again);
    const x = new ort.Tensor(
      'float32',
      Float32Array.from({ length: 2 * 8 * 8 }, (_, i) => Math.sin(i)),
      [2, 1, 8, 8],
    );
    const ya = (await a.run({ input: x })).logits!.data as Float32Array;
    const yb = (await b.run({ input: x })).logits!.data as Float32Array;
    expect(Array.from(yb)).toEqual(Array.from(ya));
  });

  it('rejects bytes that are not ONNX with INVALID_MODEL', () => {
    for (const junk of [
      new Uint8Array(0),
      new TextEncoder().encode('hello world, not a model'),
      Uint8Array.of(0x89, 0x50, 0x4e, 0x47),
    ]) {
      expect(() => decodeOnnxModel(junk)).toThrow(expect.objectContaining({ code: 'INVALID_MODEL' }));
    }
  });

  it('reads negative int64 values and packed floats', () => {
    // TensorProto: dims=[2] (packed), data_type=FLOAT, float_data=[1.5,-2] (packed)
    const bytes = Uint8Array.of(0x0a, 0x01, 0x02, 0x10, 0x01, 0x22, 0x08, 0, 0, 0xc0, 0x3f, 0, 0, 0, 0xc0);
    const t = decodeTensor(new ProtobufReader(bytes));
    expect(t.dims).toEqual([2]);
    expect(Array.from(tensorToFloat32(t))).toEqual([1.5, -2]);
  });

  it("reads small negative int64 attributes exactly (axis = -1 is 10 bytes of two's complement)", () => {
    const bytes = readFileSync('/usr/share/libonnx-testdata/data/node/test_concat_2d_axis_negative_1/model.onnx');
    expect(decodeOnnxModel(bytes).graph.node[0]?.attribute[0]).toMatchObject({ name: 'axis', i: -1 });
    const ints = readFileSync(
      '/usr/share/libonnx-testdata/data/node/test_reduce_max_negative_axes_keepdims_example/model.onnx',
    );
    expect(decodeOnnxModel(ints).graph.node[0]?.attribute.find((a) => a.name === 'axes')?.ints).toEqual([-2]);
  });

  it('parses an operator test model of libonnx-testdata (installed by .ci/run)', () => {
    const bytes = readFileSync('/usr/share/libonnx-testdata/data/node/test_conv_with_strides_padding/model.onnx');
    const m = decodeOnnxModel(bytes);
    expect(m.graph.node[0]?.opType).toBe('Conv');
    expect(decodeOnnxModel(encodeOnnxModel(m))).toEqual(m);
  });
});
