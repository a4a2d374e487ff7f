import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeOnnxModel, decodeTensor } from '../src/onnx/decode-onnx-model';
import type { OnnxModel } from '../src/onnx/onnx-types';
import { ProtobufReader } from '../src/onnx/protobuf-reader';
import { tensorToFloat32 } from '../src/onnx/tensor-data';
import type { Feeds } from './check-vjp';

/** ONNX's own operator test models, from Debian's libonnx-testdata (installed by .ci/run). */
export const ONNX_NODE_TESTS = '/usr/share/libonnx-testdata/data/node';

/** Loads `<test>/model.onnx` and its first data set's float inputs as feeds. */
export function loadOnnxTestCase(test: string): { model: OnnxModel; feeds: Feeds } {
  const dir = join(ONNX_NODE_TESTS, test);
  if (!existsSync(dir)) throw new Error(`${dir} is missing: install Debian's libonnx-testdata (.ci/run does)`);
  const model = decodeOnnxModel(readFileSync(join(dir, 'model.onnx')));
  const data = join(dir, 'test_data_set_0');
  const files = readdirSync(data)
    .filter((f) => f.startsWith('input_'))
    .sort();
  const feeds: Feeds = {};
  const constants = new Set<string>();
  files.forEach((f, i) => {
    const t = decodeTensor(new ProtobufReader(readFileSync(join(data, f))));
    const name = t.name || model.graph.input[i]!.name;
    if (t.dataType === 1) feeds[name] = { dims: t.dims, data: tensorToFloat32(t) };
    else {
      // Integer inputs (shapes, axes, indices) become constants, as they are in exported classifiers.
      model.graph.initializer.push({ ...t, name });
      constants.add(name);
    }
  });
  model.graph.input = model.graph.input.filter((i) => !constants.has(i.name));
  return { model, feeds };
}
