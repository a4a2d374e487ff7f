/** A float32 array from an NPY file (`<f4`, C order), as the API serves raw attribution maps. */
export type TNpyArray = { data: Float32Array; shape: number[] };

export function parseNpy(buffer: ArrayBuffer): TNpyArray {
  const bytes = new Uint8Array(buffer);
  if (bytes.length < 10 || bytes[0] !== 0x93 || String.fromCharCode(...bytes.subarray(1, 6)) !== 'NUMPY') {
    throw new Error('parseNpy: not an NPY file');
  }
  const major = bytes[6]!;
  const view = new DataView(buffer);
  const headerLength = major >= 2 ? view.getUint32(8, true) : view.getUint16(8, true);
  const headerStart = major >= 2 ? 12 : 10;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  if (descr !== '<f4') throw new Error(`parseNpy: dtype ${descr ?? '?'} is not little-endian float32`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error('parseNpy: Fortran order is not supported');
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((a, d) => a * d, 1);
  const offset = headerStart + headerLength;
  if (buffer.byteLength - offset < count * 4) throw new Error('parseNpy: the file is shorter than its shape says');
  const data = new Float32Array(buffer.slice(offset, offset + count * 4));
  return { data, shape };
}
