import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx-types';
import { ProtobufWriter } from './protobuf-writer';

function pair(key: string, value: string): ProtobufWriter {
  return new ProtobufWriter().string(1, key).string(2, value);
}

export function encodeTensor(t: OnnxTensor): ProtobufWriter {
  const w = new ProtobufWriter();
  w.packedVarints(1, t.dims);
  w.varint(2, t.dataType);
  if (t.floatData) w.packedFloats(4, t.floatData);
  if (t.int32Data) w.packedVarints(5, t.int32Data);
  if (t.int64Data) w.packedVarints(7, t.int64Data);
  if (t.name) w.string(8, t.name);
  if (t.rawData) w.bytes(9, t.rawData);
  if (t.doubleData) w.packedDoubles(10, t.doubleData);
  for (const e of t.externalData ?? []) w.message(13, pair(e.key, e.value));
  if (t.dataLocation !== undefined) w.varint(14, t.dataLocation);
  return w;
}

function encodeValueInfo(vi: OnnxValueInfo): ProtobufWriter {
  const w = new ProtobufWriter().string(1, vi.name);
  if (vi.elemType === 0 && vi.shape === undefined) return w;
  const tensorType = new ProtobufWriter().varint(1, vi.elemType);
  if (vi.shape) {
    const shape = new ProtobufWriter();
    for (const d of vi.shape) {
      const dw = new ProtobufWriter();
      if (d.value !== undefined) dw.varint(1, d.value);
      else if (d.param !== undefined) dw.string(2, d.param);
      shape.message(1, dw);
    }
    tensorType.message(2, shape);
  }
  w.message(2, new ProtobufWriter().message(1, tensorType));
  return w;
}

function encodeAttribute(a: OnnxAttribute): ProtobufWriter {
  const w = new ProtobufWriter().string(1, a.name);
  if (a.f !== undefined) w.float(2, a.f);
  if (a.i !== undefined) w.varint(3, a.i);
  if (a.s !== undefined) w.bytes(4, a.s);
  if (a.t) w.message(5, encodeTensor(a.t));
  if (a.g) w.message(6, encodeGraph(a.g));
  if (a.floats) w.packedFloats(7, a.floats);
  if (a.ints) w.packedVarints(8, a.ints);
  for (const s of a.strings ?? []) w.bytes(9, s);
  for (const t of a.tensors ?? []) w.message(10, encodeTensor(t));
  for (const g of a.graphs ?? []) w.message(11, encodeGraph(g));
  w.varint(20, a.type);
  return w;
}

function encodeNode(n: OnnxNode): ProtobufWriter {
  const w = new ProtobufWriter();
  for (const i of n.input) w.string(1, i);
  for (const o of n.output) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.opType);
  for (const a of n.attribute) w.message(5, encodeAttribute(a));
  if (n.domain) w.string(7, n.domain);
  return w;
}

export function encodeGraph(g: OnnxGraph): ProtobufWriter {
  const w = new ProtobufWriter();
  for (const n of g.node) w.message(1, encodeNode(n));
  w.string(2, g.name || 'graph');
  for (const t of g.initializer) w.message(5, encodeTensor(t));
  for (const i of g.input) w.message(11, encodeValueInfo(i));
  for (const o of g.output) w.message(12, encodeValueInfo(o));
  for (const v of g.valueInfo) w.message(13, encodeValueInfo(v));
  return w;
}

/** Serialises a model back to ONNX bytes (fields Lightbox does not model, such as doc strings, are dropped). */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const w = new ProtobufWriter();
  w.varint(1, m.irVersion);
  if (m.producerName) w.string(2, m.producerName);
  if (m.producerVersion) w.string(3, m.producerVersion);
  if (m.domain) w.string(4, m.domain);
  if (m.modelVersion) w.varint(5, m.modelVersion);
  w.message(7, encodeGraph(m.graph));
  for (const o of m.opsetImport) {
    const ow = new ProtobufWriter();
    if (o.domain) ow.string(1, o.domain);
    ow.varint(2, o.version);
    w.message(8, ow);
  }
  for (const p of m.metadataProps) w.message(14, pair(p.key, p.value));
  return w.finish();
}
