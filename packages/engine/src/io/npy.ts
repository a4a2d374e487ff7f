import { LightboxError } from '@lightbox/contracts';

/** Encodes a float32 array as a NumPy .npy file (format 1.0, little-endian, C order). */
export function encodeNpy(data: Float32Array, shape: readonly number[]): Uint8Array {
  const n = shape.reduce((a, d) => a * d, 1);
  if (n !== data.length) throw new Error(`encodeNpy: ${data.length} values for shape [${shape.join(', ')}]`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const unpadded = 10 + header.length + 1;
  header += `${' '.repeat((64 - (unpadded % 64)) % 64)}\n`;
  const out = new Uint8Array(10 + header.length + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const body = new DataView(out.buffer, 10 + header.length);
  for (let i = 0; i < data.length; i++) body.setFloat32(i * 4, data[i]!, true);
  return out;
}

/** Decodes a float32 or float64 C-order .npy file (versions 1–3) into float32. */
export function decodeNpy(bytes: Uint8Array): { data: Float32Array; shape: number[] } {
  const magic = String.fromCharCode(...bytes.subarray(1, 6));
  if (bytes[0] !== 0x93 || magic !== 'NUMPY')
    throw new LightboxError('INVALID_ARGUMENT', 'Not an NPY file (bad magic bytes).');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  if (/'fortran_order':\s*True/.test(header))
    throw new LightboxError('INVALID_ARGUMENT', 'NPY files in Fortran order are not supported.');
  const shape = (/'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const n = shape.reduce((a, d) => a * d, 1);
  const body = start + headerLen;
  const data = new Float32Array(n);
  if (descr === '<f4') for (let i = 0; i < n; i++) data[i] = dv.getFloat32(body + i * 4, true);
  else if (descr === '<f8') for (let i = 0; i < n; i++) data[i] = dv.getFloat64(body + i * 8, true);
  else throw new LightboxError('INVALID_ARGUMENT', `NPY dtype ${descr} is not supported (float32 or float64 only).`);
  return { data, shape };
}
