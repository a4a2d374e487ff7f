import { LightboxError } from '@lightbox/contracts';
import type { DataSet, Fragment } from 'dicom-parser';

/**
 * Returns the compressed bytes of the first frame of encapsulated Pixel Data (PS3.5 A.4), joining its fragments.
 * The fragments of frame 1 are found, in order of preference, from: the Extended Offset Table (7FE0,0001); a
 * single frame (all fragments); the Basic Offset Table; one fragment per frame; or, with an empty offset table
 * and more fragments than frames, the fragments up to the first that ends with an end marker (FF D9, the EOI
 * of JPEG and JPEG-LS and the EOC of JPEG 2000).
 */
export function extractEncapsulatedFrame(dataSet: DataSet, numberOfFrames: number): Uint8Array {
  const element = dataSet.elements.x7fe00010!;
  if (!element.encapsulatedPixelData) {
    throw new LightboxError(
      'INVALID_IMAGE',
      'The DICOM transfer syntax is compressed but its Pixel Data is not encapsulated (it has a defined length).',
    );
  }
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) {
    throw new LightboxError(
      'INVALID_IMAGE',
      'The DICOM encapsulated Pixel Data has no fragments: there is no image in it.',
    );
  }
  return join(dataSet, framesOfFirstFrame(dataSet, fragments, element.basicOffsetTable ?? [], numberOfFrames));
}

function framesOfFirstFrame(
  dataSet: DataSet,
  fragments: Fragment[],
  basicOffsetTable: number[],
  numberOfFrames: number,
): Fragment[] {
  const extended = readExtendedOffsetTable(dataSet);
  if (extended !== undefined) {
    const first = fragments.find((fragment) => fragment.offset === extended);
    if (first === undefined)
      throw corrupt(`the Extended Offset Table points at offset ${extended}, where no fragment starts`);
    return [first];
  }
  if (numberOfFrames === 1) return fragments;
  if (basicOffsetTable.length > 0) {
    const start = basicOffsetTable[0]!;
    const end = basicOffsetTable[1] ?? Number.POSITIVE_INFINITY;
    const selected = fragments.filter((fragment) => fragment.offset >= start && fragment.offset < end);
    if (selected.length === 0 || selected[0]!.offset !== start) {
      throw corrupt(`the Basic Offset Table points at offset ${start}, where no fragment starts`);
    }
    return selected;
  }
  if (fragments.length === numberOfFrames) return [fragments[0]!];
  const selected: Fragment[] = [];
  for (const fragment of fragments) {
    selected.push(fragment);
    if (endsWithEndMarker(dataSet.byteArray, fragment)) return selected;
  }
  throw corrupt(
    `${fragments.length} fragments hold ${numberOfFrames} frames, the offset table is empty, and no fragment ends with an end marker`,
  );
}

/** The first 64-bit offset of (7FE0,0001), if present. */
function readExtendedOffsetTable(dataSet: DataSet): number | undefined {
  const element = dataSet.elements.x7fe00001;
  if (element === undefined || element.length < 8) return undefined;
  const view = new DataView(dataSet.byteArray.buffer, dataSet.byteArray.byteOffset + element.dataOffset, 8);
  return Number(view.getBigUint64(0, true));
}

function endsWithEndMarker(bytes: Uint8Array, fragment: Fragment): boolean {
  let end = fragment.position + fragment.length;
  if (end - fragment.position >= 3 && bytes[end - 1] === 0) end--; // even-length padding
  return bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9;
}

function join(dataSet: DataSet, fragments: Fragment[]): Uint8Array {
  const total = fragments.reduce((sum, fragment) => sum + fragment.length, 0);
  if (fragments.length === 1) {
    const only = fragments[0]!;
    return dataSet.byteArray.subarray(only.position, only.position + only.length);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const fragment of fragments) {
    out.set(dataSet.byteArray.subarray(fragment.position, fragment.position + fragment.length), at);
    at += fragment.length;
  }
  return out;
}

function corrupt(problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `The DICOM encapsulated Pixel Data is corrupt: ${problem}.`);
}
