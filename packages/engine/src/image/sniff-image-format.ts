import { LightboxError } from '@lightbox/contracts';

/**
 * What the bytes are, judged by content only (never by file name):
 * - 'png': the 8-byte PNG signature;
 * - 'jpeg': SOI followed by a marker (FF D8 FF);
 * - 'dicom': 'DICM' at offset 128 (Part-10 file);
 * - 'dicom-raw': no Part-10 preamble, but the first element looks like a DICOM data set
 *   (an even group no higher than 0028, as raw CR exports and old data sets start with group 0008).
 */
export type TImageFormat = 'png' | 'jpeg' | 'dicom' | 'dicom-raw';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Formats we recognise and refuse, so that the message names them. */
const KNOWN_UNSUPPORTED: ReadonlyArray<{ readonly name: string; readonly test: (b: Uint8Array) => boolean }> = [
  { name: 'GIF', test: (b) => ascii(b, 0, 4) === 'GIF8' },
  { name: 'BMP', test: (b) => ascii(b, 0, 2) === 'BM' && b.length >= 26 },
  { name: 'TIFF', test: (b) => ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*' },
  { name: 'WebP', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { name: 'JPEG 2000 (JP2)', test: (b) => ascii(b, 4, 8) === 'jP  \r\n\x87\n' },
  { name: 'JPEG 2000 codestream', test: (b) => b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51 },
  { name: 'JPEG XL', test: (b) => (b[0] === 0xff && b[1] === 0x0a) || ascii(b, 4, 4) === 'JXL ' },
  { name: 'HEIF/AVIF', test: (b) => ascii(b, 4, 4) === 'ftyp' },
  { name: 'PDF', test: (b) => ascii(b, 0, 5) === '%PDF-' },
  { name: 'ZIP archive', test: (b) => ascii(b, 0, 4) === 'PK\x03\x04' },
  { name: 'gzip archive', test: (b) => b[0] === 0x1f && b[1] === 0x8b },
  { name: 'NIfTI', test: (b) => ascii(b, 344, 4) === 'n+1\0' || ascii(b, 344, 4) === 'ni1\0' },
];

export function sniffImageFormat(bytes: Uint8Array): TImageFormat {
  if (bytes.length === 0) {
    throw new LightboxError('INVALID_IMAGE', 'The image file is empty (0 bytes).');
  }
  if (PNG_SIGNATURE.every((value, i) => bytes[i] === value)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 132 && ascii(bytes, 128, 4) === 'DICM') return 'dicom';
  for (const format of KNOWN_UNSUPPORTED) {
    if (format.test(bytes)) {
      throw new LightboxError(
        'UNSUPPORTED_IMAGE',
        `This is a ${format.name} file; Lightbox reads PNG, JPEG and DICOM images only. Convert it to PNG first.`,
        { details: { detectedFormat: format.name } },
      );
    }
  }
  if (looksLikeRawDicom(bytes)) return 'dicom-raw';
  throw new LightboxError(
    'INVALID_IMAGE',
    `Not a recognised image: the file starts with bytes ${hex(bytes.subarray(0, 8))}, which is neither PNG, JPEG nor DICOM ` +
      '(a DICOM file has "DICM" at byte 128).',
  );
}

/** Explicit VRs whose length is 4 bytes after 2 reserved ones (PS3.5 7.1.2). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** A raw data set starts with an element of an even group 0000..0028 and a plausible length. */
function looksLikeRawDicom(bytes: Uint8Array): boolean {
  if (bytes.length < 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const group = view.getUint16(0, true);
  if (group % 2 !== 0 || group > 0x0028) return false;
  const vr = ascii(bytes, 4, 2);
  let length = view.getUint32(4, true);
  if (/^[A-Z]{2}$/.test(vr)) length = LONG_VRS.has(vr) ? view.getUint32(8, true) : view.getUint16(6, true);
  return length === 0xffffffff || length <= bytes.length - 8;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
