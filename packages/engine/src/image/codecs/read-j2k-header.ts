import { LightboxError } from '@lightbox/contracts';

export interface J2kHeader {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  /** Bit depth of the first component. */
  readonly precision: number;
  readonly signed: boolean;
  /** Whether the codestream ends with the EOC marker (FF D9), ignoring trailing zero padding. */
  readonly hasEoc: boolean;
  /** Where the codestream starts (after the boxes of a JP2 file). */
  readonly codestreamOffset: number;
}

/**
 * Reads the SIZ marker segment of a JPEG 2000 codestream (ISO 15444-1 A.5.1), or of the contiguous codestream
 * box ('jp2c') of a JP2 file, without decoding anything. Throws INVALID_IMAGE when neither is found.
 */
export function readJ2kHeader(bytes: Uint8Array, what = 'JPEG 2000 stream'): J2kHeader {
  const start = findCodestream(bytes, what);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // SOC (FF 4F), then SIZ (FF 51) with Lsiz, Rsiz, Xsiz, Ysiz, XOsiz, YOsiz, XTsiz, YTsiz, XTOsiz, YTOsiz, Csiz.
  if (bytes.length < start + 4 + 38 + 3 || view.getUint16(start + 2) !== 0xff51) {
    throw invalid(what, 'the SIZ marker segment is missing or truncated');
  }
  const siz = start + 4;
  const xsiz = view.getUint32(siz + 4);
  const ysiz = view.getUint32(siz + 8);
  const xosiz = view.getUint32(siz + 12);
  const yosiz = view.getUint32(siz + 16);
  const components = view.getUint16(siz + 36);
  const ssiz = bytes[siz + 38]!;
  if (xosiz >= xsiz || yosiz >= ysiz || components === 0) {
    throw invalid(
      what,
      `its SIZ segment declares an empty image (${xsiz}-${xosiz} × ${ysiz}-${yosiz}, ${components} components)`,
    );
  }
  let end = bytes.length;
  while (end > start && bytes[end - 1] === 0) end--;
  return {
    width: xsiz - xosiz,
    height: ysiz - yosiz,
    components,
    precision: (ssiz & 0x7f) + 1,
    signed: (ssiz & 0x80) !== 0,
    hasEoc: end - start >= 2 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9,
    codestreamOffset: start,
  };
}

function findCodestream(bytes: Uint8Array, what: string): number {
  if (bytes[0] === 0xff && bytes[1] === 0x4f) return 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // JP2: a sequence of boxes (length, type); the codestream is in the 'jp2c' box.
  let i = 0;
  while (i + 8 <= bytes.length) {
    let length = view.getUint32(i);
    const type = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!, bytes[i + 6]!, bytes[i + 7]!);
    let header = 8;
    if (length === 1) {
      if (i + 16 > bytes.length) break;
      length = Number(view.getBigUint64(i + 8));
      header = 16;
    } else if (length === 0) {
      length = bytes.length - i;
    }
    if (type === 'jp2c') {
      if (bytes[i + header] === 0xff && bytes[i + header + 1] === 0x4f) return i + header;
      break;
    }
    if (length < header) break;
    i += length;
  }
  throw invalid(what, 'it starts with neither the SOC marker FF 4F nor a JP2 file holding a codestream');
}

function invalid(what: string, problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `Not a valid ${what}: ${problem}.`);
}
