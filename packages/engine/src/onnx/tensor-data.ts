import { LightboxError } from '@lightbox/contracts';
import { type OnnxTensor, TensorDataType } from './onnx-types';

export function tensorSize(dims: readonly number[]): number {
  return dims.reduce((a, d) => a * d, 1);
}

function rawView(t: OnnxTensor): DataView | undefined {
  return t.rawData ? new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength) : undefined;
}

/** Reads a tensor's values as plain numbers (int64 converted exactly where |v| < 2^53). */
export function tensorToNumbers(t: OnnxTensor): number[] {
  if (t.externalData?.length || t.dataLocation === 1) {
    throw new LightboxError(
      'INVALID_MODEL',
      `Tensor "${t.name}" keeps its data in an external file; embed the weights in the .onnx file.`,
    );
  }
  const n = tensorSize(t.dims);
  const v = rawView(t);
  const out: number[] = new Array(n);
  switch (t.dataType) {
    case TensorDataType.FLOAT:
      for (let i = 0; i < n; i++) out[i] = v ? v.getFloat32(i * 4, true) : (t.floatData?.[i] ?? 0);
      return out;
    case TensorDataType.DOUBLE:
      for (let i = 0; i < n; i++) out[i] = v ? v.getFloat64(i * 8, true) : (t.doubleData?.[i] ?? 0);
      return out;
    case TensorDataType.INT64:
      for (let i = 0; i < n; i++) out[i] = v ? Number(v.getBigInt64(i * 8, true)) : (t.int64Data?.[i] ?? 0);
      return out;
    case TensorDataType.INT32:
      for (let i = 0; i < n; i++) out[i] = v ? v.getInt32(i * 4, true) : (t.int32Data?.[i] ?? 0);
      return out;
    case TensorDataType.UINT8:
    case TensorDataType.BOOL:
      for (let i = 0; i < n; i++) out[i] = v ? v.getUint8(i) : (t.int32Data?.[i] ?? 0);
      return out;
    case TensorDataType.INT8:
      for (let i = 0; i < n; i++) out[i] = v ? v.getInt8(i) : (t.int32Data?.[i] ?? 0);
      return out;
    default:
      throw new LightboxError(
        'INVALID_MODEL',
        `Tensor "${t.name}" has data type ${t.dataType}, which Lightbox cannot read.`,
      );
  }
}

export function tensorToFloat32(t: OnnxTensor): Float32Array {
  if (t.dataType === TensorDataType.FLOAT && t.rawData && t.rawData.byteOffset % 4 === 0) {
    return new Float32Array(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength / 4).slice();
  }
  return Float32Array.from(tensorToNumbers(t));
}

/** A float32 initializer/constant tensor. */
export function makeFloatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): OnnxTensor {
  const f = Float32Array.from(values);
  if (f.length !== tensorSize(dims)) {
    throw new Error(`makeFloatTensor(${name}): ${f.length} values for dims [${dims.join(',')}]`);
  }
  return { name, dims: [...dims], dataType: TensorDataType.FLOAT, rawData: new Uint8Array(f.buffer) };
}

/** An int64 initializer/constant tensor (shapes, axes, indices). */
export function makeInt64Tensor(name: string, dims: readonly number[], values: readonly number[]): OnnxTensor {
  const b = new BigInt64Array(values.map((v) => BigInt(v)));
  if (b.length !== tensorSize(dims)) {
    throw new Error(`makeInt64Tensor(${name}): ${b.length} values for dims [${dims.join(',')}]`);
  }
  return { name, dims: [...dims], dataType: TensorDataType.INT64, rawData: new Uint8Array(b.buffer) };
}
