import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTensor } from '../src/onnx/decode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { ProtobufReader } from '../src/onnx/protobuf-reader';
import { tensorToFloat32 } from '../src/onnx/tensor-data';
import type { Feeds } from './check-vjp';
import { loadOnnxTestCase, ONNX_NODE_TESTS } from './onnx-test-case';

/**
 * Loads an ONNX operator test whose model declares an opset older than the builder accepts, stamped with
 * `opset` instead. Only sound when the op's definition did not change between the two versions (Conv-11,
 * ConvTranspose-11, MaxPool-12, AveragePool-11 and GlobalAveragePool/GlobalMaxPool-1 are all unchanged
 * through opset 18): tests compare the restamped model's output with the stored expected output to prove it.
 */
export function loadOnnxTestCaseAtOpset(
  test: string,
  opset: number,
): { model: OnnxModel; feeds: Feeds; expected: Float32Array } {
  const { model, feeds } = loadOnnxTestCase(test);
  const expected = tensorToFloat32(
    decodeTensor(new ProtobufReader(readFileSync(join(ONNX_NODE_TESTS, test, 'test_data_set_0', 'output_0.pb')))),
  );
  return {
    model: {
      ...model,
      opsetImport: model.opsetImport.map((o) =>
        o.domain === '' || o.domain === 'ai.onnx' ? { ...o, version: opset } : o,
      ),
    },
    feeds,
    expected,
  };
}
