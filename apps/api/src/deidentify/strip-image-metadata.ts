import { LightboxError } from '@lightbox/contracts';

/** PNG chunks kept: what the image needs to be displayed correctly. Text, EXIF and time chunks are dropped. */
const PNG_KEEP = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'bKGD',
  'pHYs',
]);

/**
 * Removes metadata that can carry identifying text from a PNG or JPEG, leaving the pixels untouched:
 * PNG `tEXt`/`zTXt`/`iTXt`/`eXIf`/`tIME` and any other non-rendering chunk; JPEG comments (COM) and APP1–APP15
 * segments (EXIF, XMP…) except the ICC profile (APP2) and Adobe's colour-transform flag (APP14).
 */
export function stripImageMetadata(bytes: Uint8Array, format: 'png' | 'jpeg'): Uint8Array {
  return format === 'png' ? stripPng(bytes) : stripJpeg(bytes);
}

function fail(what: string): never {
  throw new LightboxError('INVALID_IMAGE', `The ${what} structure could not be read to remove its metadata`, {
    details: { field: 'file' },
  });
}

function stripPng(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let dropped = false;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) fail('PNG chunk');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (end > bytes.length) fail('PNG chunk');
    if (PNG_KEEP.has(type)) parts.push(bytes.subarray(at, end));
    else dropped = true;
    at = end;
    if (type === 'IEND') break;
  }
  return dropped ? Buffer.concat(parts) : bytes;
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let dropped = false;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) fail('JPEG segment');
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      // Start of scan (or end of image): everything from here on is image data.
      parts.push(bytes.subarray(at));
      break;
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) fail('JPEG segment');
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) fail('JPEG segment');
    const isApp = marker >= 0xe1 && marker <= 0xef;
    const keepApp =
      (marker === 0xe2 && startsWith(bytes, at + 4, 'ICC_PROFILE')) ||
      (marker === 0xee && startsWith(bytes, at + 4, 'Adobe'));
    if (marker === 0xfe || (isApp && !keepApp)) dropped = true;
    else parts.push(bytes.subarray(at, end));
    at = end;
  }
  return dropped ? Buffer.concat(parts) : bytes;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
