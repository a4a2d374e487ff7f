import { LightboxError } from '@lightbox/contracts';
import { decodeJpeg } from './decode-jpeg';
import { decodePng } from './decode-png';
import type { DecodedImage, DecodeOptions } from './decoded-image';
import { decodeDicom } from './dicom/decode-dicom';
import { sniffImageFormat } from './sniff-image-format';

/**
 * Decodes PNG, JPEG or DICOM bytes (recognised by content, never by file name) to float32 intensities in
 * [0, 1], HWC. Every failure is a LightboxError: INVALID_IMAGE (corrupt, truncated, not an image),
 * UNSUPPORTED_IMAGE (a format, transfer syntax or pixel format Lightbox does not read, named in the message),
 * IMAGE_TOO_LARGE (declared dimensions above options.maxPixels, checked before decompressing), or
 * INVALID_ARGUMENT (bad options).
 */
export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  checkOptions(options);
  const format = sniffImageFormat(bytes);
  try {
    if (format === 'png') return decodePng(bytes, options);
    if (format === 'jpeg') return await decodeJpeg(bytes, options);
    return await decodeDicom(bytes, options);
  } catch (error) {
    if (error instanceof LightboxError) throw error;
    // A decoder library failed in a way its wrapper did not foresee: still a refusal of this input.
    const reason = error instanceof Error ? error.message : String(error);
    throw new LightboxError(
      'INVALID_IMAGE',
      `The ${format === 'dicom-raw' ? 'DICOM' : format.toUpperCase()} image could not be decoded: ${reason}.`,
      {
        cause: error,
      },
    );
  }
}

function checkOptions(options: DecodeOptions): void {
  const { maxPixels, window } = options;
  if (maxPixels !== undefined && !(Number.isFinite(maxPixels) && maxPixels > 0)) {
    throw new LightboxError('INVALID_ARGUMENT', `maxPixels must be a positive number, not ${maxPixels}.`);
  }
  if (window !== undefined && !(Number.isFinite(window.center) && Number.isFinite(window.width) && window.width > 0)) {
    throw new LightboxError(
      'INVALID_ARGUMENT',
      `The window override needs a finite center and a positive width, not center ${window.center} / width ${window.width}.`,
    );
  }
}
