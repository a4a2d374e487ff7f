import { LightboxError } from '@lightbox/contracts';
import type { DataSet } from 'dicom-parser';

/** A lookup table from a Modality or VOI LUT Sequence item (PS3.3 C.11.1 / C.11.2). */
export interface Lut {
  /** Input value mapped to the first entry; inputs below map to the first entry, above the last to the last. */
  readonly firstMapped: number;
  /** Bits per entry (LUT Descriptor value 3): entries are 0..2^bits-1. */
  readonly bitsPerEntry: number;
  readonly entries: Uint16Array;
}

/**
 * Reads LUT Descriptor (0028,3002) and LUT Data (0028,3006) of a sequence item. The descriptor's number of
 * entries 0 means 65536; its first mapped value is signed when the element's VR is SS or, in implicit VR, when
 * `signedInput` says the input values are signed. 8-bit entries may come one per byte or one per 16-bit word.
 */
export function readLut(item: DataSet, signedInput: boolean, what: string): Lut {
  const descriptor = item.elements.x00283002;
  const data = item.elements.x00283006;
  if (descriptor === undefined || data === undefined || descriptor.length < 6) {
    throw invalid(what, 'its LUT Descriptor (0028,3002) or LUT Data (0028,3006) is missing');
  }
  const count = item.uint16('x00283002', 0) || 65536;
  const rawFirst = item.uint16('x00283002', 1) ?? 0;
  const signedFirst = descriptor.vr === 'SS' || (descriptor.vr === undefined && signedInput);
  const firstMapped = signedFirst && rawFirst >= 0x8000 ? rawFirst - 0x10000 : rawFirst;
  const bitsPerEntry = item.uint16('x00283002', 2) ?? 16;
  if (bitsPerEntry < 1 || bitsPerEntry > 16) throw invalid(what, `it declares ${bitsPerEntry} bits per entry`);
  const entries = new Uint16Array(count);
  const mask = (1 << bitsPerEntry) - 1;
  const end = data.dataOffset + data.length;
  if (end > item.byteArray.length) throw invalid(what, 'its LUT Data runs past the end of the file');
  if (data.length >= count * 2) {
    for (let i = 0; i < count; i++) {
      entries[i] = item.byteArrayParser.readUint16(item.byteArray, data.dataOffset + 2 * i) & mask;
    }
  } else if (bitsPerEntry <= 8 && data.length >= count) {
    for (let i = 0; i < count; i++) entries[i] = item.byteArray[data.dataOffset + i]! & mask;
  } else {
    throw invalid(what, `its LUT Data holds ${data.length} bytes for ${count} entries of ${bitsPerEntry} bits`);
  }
  return { firstMapped, bitsPerEntry, entries };
}

/** The LUT entry for an input value, clamped to the first and last entries (integer part of the input). */
export function lookUp(lut: Lut, x: number): number {
  const index = Math.floor(x - lut.firstMapped);
  if (index <= 0) return lut.entries[0]!;
  if (index >= lut.entries.length) return lut.entries[lut.entries.length - 1]!;
  return lut.entries[index]!;
}

function invalid(what: string, problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `The DICOM ${what} is corrupt: ${problem}.`);
}
