import { probeTensorShapes } from '../model/probe-tensor-shapes';
import type { RuntimeOptions } from '../model/runtime-options';
import type { OnnxModel } from '../onnx/onnx-types';
import type { ShapeTable, TensorFacts } from './shape-table';

const ORT_TYPE: Record<number, string> = {
  1: 'float32',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  11: 'float64',
  10: 'float16',
  2: 'uint8',
  3: 'int8',
};

/**
 * Shapes and types of every tensor, from probe runs at batch 1 and batch 2 (when the graph allows a batch
 * of 2): a dim that changes between the runs follows the batch, so gradient rules never bake it in.
 * `input` names the image input with its [C, H, W].
 */
export async function probeShapeTable(
  model: OnnxModel,
  input: { name: string; chw: readonly [number, number, number] },
  runtime: RuntimeOptions = {},
): Promise<ShapeTable> {
  const [c, h, w] = input.chw;
  const feed = (n: number) => ({ [input.name]: { dims: [n, c, h, w], data: pseudoRandom(n * c * h * w) } });
  return probeShapeTableWith(model, feed, runtime);
}

/** probeShapeTable for any set of inputs: `feed(batch)` gives the feeds at a batch size. */
export async function probeShapeTableWith(
  model: OnnxModel,
  feed: (batch: number) => Record<string, { dims: number[]; data?: Float32Array }>,
  runtime: RuntimeOptions = {},
): Promise<ShapeTable> {
  const one = await probeTensorShapes(model, feed(1), runtime);
  let two: Map<string, readonly number[]> | undefined;
  let twoValues: Map<string, readonly number[] | undefined> | undefined;
  try {
    const probed = await probeTensorShapes(model, feed(2), runtime);
    two = new Map(probed.map((t) => [t.name, t.dims]));
    twoValues = new Map(probed.map((t) => [t.name, t.values]));
  } catch {
    two = undefined; // fixed batch size: nothing follows the batch
  }
  const shapeOnly = shapeOnlyTensors(model);
  const table = new Map<string, TensorFacts>();
  for (const t of one) {
    const other = two?.get(t.name);
    const otherValue = twoValues?.get(t.name);
    const stable =
      t.values !== undefined &&
      shapeOnly.has(t.name) &&
      (twoValues === undefined || otherValue?.every((v, i) => v === t.values![i]));
    table.set(t.name, {
      dims: t.dims,
      dynamic: t.dims.map((d, i) => other !== undefined && other[i] !== d),
      type: t.type,
      ...(stable ? { value: t.values } : {}),
    });
  }
  for (const init of model.graph.initializer) {
    table.set(init.name, {
      dims: init.dims,
      dynamic: init.dims.map(() => false),
      type: ORT_TYPE[init.dataType] ?? `onnx-${init.dataType}`,
    });
  }
  for (const [name, f] of Object.entries(feed(1))) {
    const other = feed(2)[name]?.dims;
    table.set(name, {
      dims: f.dims,
      dynamic: f.dims.map((d, i) => two !== undefined && other !== undefined && other[i] !== d),
      type: 'float32',
    });
  }
  return table;
}

/**
 * Tensors whose values depend only on tensor shapes and constants, never on pixel values: outputs of Shape and
 * Size, constants, initializers, and anything computed from those alone.
 */
function shapeOnlyTensors(model: OnnxModel): Set<string> {
  const known = new Set<string>(model.graph.initializer.map((t) => t.name));
  for (const n of model.graph.node) {
    const fromShapes = n.opType === 'Shape' || n.opType === 'Size' || n.opType === 'Constant';
    if (fromShapes || n.input.every((i) => i === '' || known.has(i))) for (const o of n.output) known.add(o);
  }
  return known;
}

/** Deterministic non-zero values: zeros would hide data-dependent shapes (e.g. NonZero) and ties. */
function pseudoRandom(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.sin(i * 12.9898) * 0.5;
  return out;
}
