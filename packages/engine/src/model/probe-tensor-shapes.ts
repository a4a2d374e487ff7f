import * as ort from 'onnxruntime-node';
import { encodeOnnxModel } from '../onnx/encode-onnx-model';
import { type OnnxModel, TensorDataType } from '../onnx/onnx-types';
import { createSession, type RuntimeOptions } from './runtime-options';

export interface ProbedTensor {
  readonly name: string;
  readonly dims: readonly number[];
  /** onnxruntime's type name, e.g. 'float32', 'int64'. */
  readonly type: string;
  /** Index of the producing node in graph order. */
  readonly nodeIndex: number;
  readonly opType: string;
  /** The values of small integer tensors (≤ 64 elements: shapes, axes, slice bounds), else undefined. */
  readonly values?: readonly number[];
}

const SMALL_INT_TYPES = new Set(['int64', 'int32']);

/**
 * Finds the shape of every node output by running the model once with all of them exposed as outputs
 * (a "probe run"): exact for any exporter, no shape inference to get wrong.
 * `feeds` maps input names to [dims, data]; zeros of the given dims are used when data is omitted.
 */
export async function probeTensorShapes(
  model: OnnxModel,
  feeds: Record<string, { dims: number[]; data?: Float32Array }>,
  runtime: RuntimeOptions = {},
): Promise<ProbedTensor[]> {
  const existing = new Set(model.graph.output.map((o) => o.name));
  const producers = new Map<string, { nodeIndex: number; opType: string }>();
  model.graph.node.forEach((n, i) => {
    for (const o of n.output) if (o) producers.set(o, { nodeIndex: i, opType: n.opType });
  });
  const extra = [...producers.keys()].filter((n) => !existing.has(n));
  const probe: OnnxModel = {
    ...model,
    graph: {
      ...model.graph,
      output: [...model.graph.output, ...extra.map((name) => ({ name, elemType: TensorDataType.UNDEFINED }))],
    },
  };
  const session = await createSession(encodeOnnxModel(probe), runtime);
  try {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, f] of Object.entries(feeds)) {
      const size = f.dims.reduce((a, d) => a * d, 1);
      ortFeeds[name] = new ort.Tensor('float32', f.data ?? new Float32Array(size), f.dims);
    }
    const out = await session.run(ortFeeds);
    const result: ProbedTensor[] = [];
    for (const [name, p] of producers) {
      const t = out[name];
      if (!t) continue;
      const values =
        SMALL_INT_TYPES.has(t.type) && t.size <= 64
          ? Array.from(t.data as ArrayLike<number | bigint>, Number)
          : undefined;
      result.push({
        name,
        dims: [...t.dims],
        type: t.type,
        nodeIndex: p.nodeIndex,
        opType: p.opType,
        ...(values ? { values } : {}),
      });
    }
    return result.sort((a, b) => a.nodeIndex - b.nodeIndex);
  } finally {
    await session.release();
  }
}
