import { LightboxError } from '@lightbox/contracts';

/** The coding process, from the SOF marker (ITU T.81 Table B.1, and T.87 for JPEG-LS). */
export type TJpegProcess =
  | 'baseline'
  | 'extended'
  | 'progressive'
  | 'lossless'
  | 'hierarchical'
  | 'arithmetic'
  | 'jpeg-ls'
  | 'jpeg-ls-extended';

export interface JpegHeader {
  readonly sofMarker: number;
  readonly process: TJpegProcess;
  readonly precision: number;
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Whether an EOI marker follows the last scan; false means the stream is truncated. */
  readonly hasEoi: boolean;
}

/**
 * Walks the marker segments of a JPEG (T.81) or JPEG-LS (T.87) stream without decoding it: finds the frame
 * header (SOFn), and checks that the stream reaches an EOI. Entropy-coded data is skipped by scanning for the
 * next marker (0xFF followed by a byte that is not a stuffing 0x00, a restart marker or, in JPEG-LS, a byte
 * below 0x80). Throws INVALID_IMAGE when the stream is not a JPEG or a segment runs past the end.
 */
export function readJpegHeader(bytes: Uint8Array, what = 'JPEG stream'): JpegHeader {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    throw invalid(what, 'it does not start with the SOI marker FF D8');
  }
  let frame: Omit<JpegHeader, 'hasEoi'> | undefined;
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw invalid(what, `expected a marker at byte ${i}, found 0x${hex(bytes[i]!)}`);
    while (bytes[i] === 0xff && i < bytes.length) i++; // fill bytes
    if (i >= bytes.length) break;
    const marker = bytes[i]!;
    i++;
    if (marker === 0xd9) {
      if (frame === undefined) throw invalid(what, 'it ends (EOI) before any frame header');
      return { ...frame, hasEoi: true };
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // standalone markers
    if (i + 2 > bytes.length) break;
    const length = (bytes[i]! << 8) | bytes[i + 1]!;
    if (length < 2 || i + length > bytes.length) {
      throw invalid(what, `the segment of marker FF ${hex(marker)} at byte ${i - 2} runs past the end of the data`);
    }
    const processOfMarker = sofProcess(marker);
    if (processOfMarker !== undefined) {
      if (length < 8) throw invalid(what, 'its frame header is too short');
      frame = {
        sofMarker: marker,
        process: processOfMarker,
        precision: bytes[i + 2]!,
        height: (bytes[i + 3]! << 8) | bytes[i + 4]!,
        width: (bytes[i + 5]! << 8) | bytes[i + 6]!,
        components: bytes[i + 7]!,
      };
    }
    i += length;
    if (marker === 0xda) {
      if (frame === undefined) throw invalid(what, 'a scan (SOS) comes before any frame header (SOF)');
      i = skipEntropyCodedData(bytes, i, frame.process.startsWith('jpeg-ls'));
    }
  }
  if (frame === undefined) throw invalid(what, 'no frame header (SOF marker) was found before the end of the data');
  return { ...frame, hasEoi: false };
}

function sofProcess(marker: number): TJpegProcess | undefined {
  switch (marker) {
    case 0xc0:
      return 'baseline';
    case 0xc1:
      return 'extended';
    case 0xc2:
      return 'progressive';
    case 0xc3:
      return 'lossless';
    case 0xc5:
    case 0xc6:
    case 0xc7:
      return 'hierarchical';
    case 0xc9:
    case 0xca:
    case 0xcb:
    case 0xcd:
    case 0xce:
    case 0xcf:
      return 'arithmetic';
    case 0xf7:
      return 'jpeg-ls';
    case 0xf9:
      return 'jpeg-ls-extended';
    default:
      return undefined;
  }
}

/** Returns the index of the 0xFF that starts the next marker after entropy-coded data, or the end. */
function skipEntropyCodedData(bytes: Uint8Array, start: number, jpegLs: boolean): number {
  for (let i = start; i < bytes.length - 1; i++) {
    if (bytes[i] !== 0xff) continue;
    const next = bytes[i + 1]!;
    if (jpegLs ? next < 0x80 : next === 0x00) continue; // stuffing
    if (next >= 0xd0 && next <= 0xd7) continue; // restart markers stay inside the scan
    if (next === 0xff) continue; // fill byte before a marker
    return i;
  }
  return bytes.length;
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

function invalid(what: string, problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `Not a valid ${what}: ${problem}.`);
}
