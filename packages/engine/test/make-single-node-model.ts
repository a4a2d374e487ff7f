import { makeModel, makeNode, makeValueInfo, type TAttrValue } from '../src/onnx/make-model';
import { type OnnxModel, type OnnxTensor, TensorDataType } from '../src/onnx/onnx-types';
import { makeFloatTensor, makeInt64Tensor } from '../src/onnx/tensor-data';

/** One input of the node: a graph input (no values), a constant (values), or '' for an omitted optional input. */
export type NodeInputSpec =
  | {
      readonly name: string;
      readonly dims: readonly number[];
      readonly values?: ArrayLike<number>;
      readonly int64?: boolean;
    }
  | '';

export interface SingleNodeModelOptions {
  readonly op: string;
  readonly inputs: readonly NodeInputSpec[];
  readonly attrs?: Record<string, TAttrValue>;
  /** Output names; default ['y']. */
  readonly outputs?: readonly string[];
  /** Outputs that are int64 (e.g. MaxPool's Indices); the others are float. */
  readonly int64Outputs?: readonly string[];
  readonly opset?: number;
  /** Declare the first dim of every graph input as the symbolic 'batch' (for batch-size tests). */
  readonly dynamicBatch?: boolean;
}

/** A model made of one node: inputs with values become initializers, the others graph inputs (float). */
export function makeSingleNodeModel(o: SingleNodeModelOptions): OnnxModel {
  const initializers: OnnxTensor[] = [];
  const graphInputs = [];
  for (const i of o.inputs) {
    if (i === '') continue;
    if (i.values !== undefined) {
      initializers.push(
        i.int64 ? makeInt64Tensor(i.name, i.dims, Array.from(i.values)) : makeFloatTensor(i.name, i.dims, i.values),
      );
    } else {
      graphInputs.push(
        makeValueInfo(
          i.name,
          i.dims.map((d, k) => (k === 0 && o.dynamicBatch ? 'batch' : d)),
        ),
      );
    }
  }
  const outputs = o.outputs ?? ['y'];
  return makeModel({
    inputs: graphInputs,
    outputs: outputs
      .filter((n) => n !== '')
      .map((n) =>
        makeValueInfo(n, undefined, o.int64Outputs?.includes(n) ? TensorDataType.INT64 : TensorDataType.FLOAT),
      ),
    initializers,
    nodes: [
      makeNode(
        o.op,
        o.inputs.map((i) => (i === '' ? '' : i.name)),
        [...outputs],
        o.attrs ?? {},
      ),
    ],
    opset: o.opset ?? 17,
  });
}
