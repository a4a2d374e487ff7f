import { LightboxError } from '@lightbox/contracts';
import type {
  OnnxAttribute,
  OnnxDim,
  OnnxGraph,
  OnnxModel,
  OnnxNode,
  OnnxOpsetImport,
  OnnxTensor,
  OnnxValueInfo,
} from './onnx-types';
import { ProtobufReader } from './protobuf-reader';

const P = ProtobufReader.prototype;

function decodeStringPair(r: ProtobufReader): { key: string; value: string } {
  const out = { key: '', value: '' };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === 2) out.key = r.string();
    else if (field === 2 && wire === 2) out.value = r.string();
    else r.skip(wire);
  }
  return out;
}

export function decodeTensor(r: ProtobufReader): OnnxTensor {
  const t: OnnxTensor = { name: '', dims: [], dataType: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        r.repeated(wire, t.dims, P.varint);
        break;
      case 2:
        t.dataType = r.varint();
        break;
      case 4:
        r.repeated(wire, (t.floatData ??= []), P.float);
        break;
      case 5:
        r.repeated(wire, (t.int32Data ??= []), P.varint);
        break;
      case 7:
        r.repeated(wire, (t.int64Data ??= []), P.varint);
        break;
      case 8:
        t.name = r.string();
        break;
      case 9:
        t.rawData = r.bytes();
        break;
      case 10:
        r.repeated(wire, (t.doubleData ??= []), P.double);
        break;
      case 13:
        (t.externalData ??= []).push(decodeStringPair(r.sub()));
        break;
      case 14:
        t.dataLocation = r.varint();
        break;
      default:
        r.skip(wire);
    }
  }
  return t;
}

function decodeDim(r: ProtobufReader): OnnxDim {
  const d: OnnxDim = {};
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === 0) d.value = r.varint();
    else if (field === 2 && wire === 2) d.param = r.string();
    else r.skip(wire);
  }
  return d;
}

function decodeTensorType(r: ProtobufReader, vi: OnnxValueInfo): void {
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === 0) vi.elemType = r.varint();
    else if (field === 2 && wire === 2) {
      const s = r.sub();
      vi.shape = [];
      while (!s.done) {
        const tg = s.tag();
        if (tg.field === 1 && tg.wire === 2) vi.shape.push(decodeDim(s.sub()));
        else s.skip(tg.wire);
      }
    } else r.skip(wire);
  }
}

function decodeValueInfo(r: ProtobufReader): OnnxValueInfo {
  const vi: OnnxValueInfo = { name: '', elemType: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === 2) vi.name = r.string();
    else if (field === 2 && wire === 2) {
      const tr = r.sub();
      while (!tr.done) {
        const tg = tr.tag();
        if (tg.field === 1 && tg.wire === 2) decodeTensorType(tr.sub(), vi);
        else tr.skip(tg.wire);
      }
    } else r.skip(wire);
  }
  return vi;
}

function decodeAttribute(r: ProtobufReader): OnnxAttribute {
  const a: OnnxAttribute = { name: '', type: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        a.name = r.string();
        break;
      case 20:
        a.type = r.varint();
        break;
      case 2:
        a.f = r.float();
        break;
      case 3:
        a.i = r.varint();
        break;
      case 4:
        a.s = r.bytes();
        break;
      case 5:
        a.t = decodeTensor(r.sub());
        break;
      case 6:
        a.g = decodeGraph(r.sub());
        break;
      case 7:
        r.repeated(wire, (a.floats ??= []), P.float);
        break;
      case 8:
        r.repeated(wire, (a.ints ??= []), P.varint);
        break;
      case 9:
        (a.strings ??= []).push(r.bytes());
        break;
      case 10:
        (a.tensors ??= []).push(decodeTensor(r.sub()));
        break;
      case 11:
        (a.graphs ??= []).push(decodeGraph(r.sub()));
        break;
      default:
        r.skip(wire);
    }
  }
  return a;
}

function decodeNode(r: ProtobufReader): OnnxNode {
  const n: OnnxNode = { input: [], output: [], name: '', opType: '', domain: '', attribute: [] };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        n.input.push(r.string());
        break;
      case 2:
        n.output.push(r.string());
        break;
      case 3:
        n.name = r.string();
        break;
      case 4:
        n.opType = r.string();
        break;
      case 7:
        n.domain = r.string();
        break;
      case 5:
        n.attribute.push(decodeAttribute(r.sub()));
        break;
      default:
        r.skip(wire);
    }
  }
  return n;
}

export function decodeGraph(r: ProtobufReader): OnnxGraph {
  const g: OnnxGraph = {
    name: '',
    node: [],
    initializer: [],
    input: [],
    output: [],
    valueInfo: [],
    sparseInitializerCount: 0,
  };
  while (!r.done) {
    const { field, wire } = r.tag();
    switch (field) {
      case 1:
        g.node.push(decodeNode(r.sub()));
        break;
      case 2:
        g.name = r.string();
        break;
      case 5:
        g.initializer.push(decodeTensor(r.sub()));
        break;
      case 11:
        g.input.push(decodeValueInfo(r.sub()));
        break;
      case 12:
        g.output.push(decodeValueInfo(r.sub()));
        break;
      case 13:
        g.valueInfo.push(decodeValueInfo(r.sub()));
        break;
      case 15:
        g.sparseInitializerCount++;
        r.skip(wire);
        break;
      default:
        r.skip(wire);
    }
  }
  return g;
}

function decodeOpset(r: ProtobufReader): OnnxOpsetImport {
  const o: OnnxOpsetImport = { domain: '', version: 0 };
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === 2) o.domain = r.string();
    else if (field === 2 && wire === 0) o.version = r.varint();
    else r.skip(wire);
  }
  return o;
}

/** Parses ONNX ModelProto bytes. Throws LightboxError('INVALID_MODEL') when the bytes are not an ONNX model. */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  if (bytes.length === 0) throw new LightboxError('INVALID_MODEL', 'The model file is empty (0 bytes).');
  const r = new ProtobufReader(bytes);
  const m: OnnxModel = {
    irVersion: 0,
    opsetImport: [],
    producerName: '',
    producerVersion: '',
    domain: '',
    modelVersion: 0,
    docString: '',
    graph: { name: '', node: [], initializer: [], input: [], output: [], valueInfo: [], sparseInitializerCount: 0 },
    metadataProps: [],
    functionCount: 0,
  };
  let sawGraph = false;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 0) throw new LightboxError('INVALID_MODEL', 'The file is not an ONNX model (bad protobuf field 0).');
    switch (field) {
      case 1:
        m.irVersion = r.varint();
        break;
      case 2:
        m.producerName = r.string();
        break;
      case 3:
        m.producerVersion = r.string();
        break;
      case 4:
        m.domain = r.string();
        break;
      case 5:
        m.modelVersion = r.varint();
        break;
      case 6:
        m.docString = r.string();
        break;
      case 7:
        if (wire !== 2)
          throw new LightboxError('INVALID_MODEL', 'The file is not an ONNX model (graph field has the wrong type).');
        m.graph = decodeGraph(r.sub());
        sawGraph = true;
        break;
      case 8:
        m.opsetImport.push(decodeOpset(r.sub()));
        break;
      case 14:
        m.metadataProps.push(decodeStringPair(r.sub()));
        break;
      case 25:
        m.functionCount++;
        r.skip(wire);
        break;
      default:
        r.skip(wire);
    }
  }
  if (!sawGraph || m.irVersion <= 0) {
    throw new LightboxError('INVALID_MODEL', 'The file is not an ONNX model: it has no graph or no IR version.');
  }
  return m;
}
