import { encodeOnnxModel } from './encode-onnx-model';
import {
  AttributeType,
  type OnnxAttribute,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
  TensorDataType,
} from './onnx-types';

export type TAttrValue = number | number[] | string | OnnxTensor | { floats: number[] } | { float: number };

/** Builds an ONNX attribute from a plain value: integers → INT(S), {float}/{floats} → FLOAT(S), string → STRING. */
export function makeAttribute(name: string, value: TAttrValue): OnnxAttribute {
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  }
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if ('floats' in value) return { name, type: AttributeType.FLOATS, floats: value.floats };
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.TENSOR, t: value };
}

export function makeNode(
  opType: string,
  input: string[],
  output: string[],
  attrs: Record<string, TAttrValue> = {},
  name = '',
): OnnxNode {
  return {
    opType,
    input,
    output,
    name: name || `${opType}_${output[0] ?? ''}`,
    domain: '',
    attribute: Object.entries(attrs).map(([k, v]) => makeAttribute(k, v)),
  };
}

export function makeValueInfo(
  name: string,
  shape?: (number | string)[],
  elemType: number = TensorDataType.FLOAT,
): OnnxValueInfo {
  return {
    name,
    elemType,
    ...(shape === undefined ? {} : { shape: shape.map((d) => (typeof d === 'number' ? { value: d } : { param: d })) }),
  };
}

export interface MakeModelOptions {
  nodes: OnnxNode[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  initializers?: OnnxTensor[];
  opset?: number;
}

export function makeModel(o: MakeModelOptions): OnnxModel {
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: o.opset ?? 17 }],
    producerName: 'lightbox',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    graph: {
      name: 'graph',
      node: o.nodes,
      initializer: o.initializers ?? [],
      input: o.inputs,
      output: o.outputs,
      valueInfo: [],
      sparseInitializerCount: 0,
    },
    metadataProps: [],
    functionCount: 0,
  };
}

export function makeModelBytes(o: MakeModelOptions): Uint8Array {
  return encodeOnnxModel(makeModel(o));
}
