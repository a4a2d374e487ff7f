import { LightboxError } from '@lightbox/contracts';
import { DEFAULT_MAX_PIXELS } from './decoded-image';

/**
 * Refuses declared dimensions before anything is allocated or decompressed: zero or non-integer sizes are
 * INVALID_IMAGE, more than `maxPixels` pixels is IMAGE_TOO_LARGE (decompression bombs).
 * `where` names the header the numbers came from, e.g. 'PNG IHDR' or 'DICOM Rows/Columns'.
 */
export function checkImageDimensions(
  width: number,
  height: number,
  maxPixels: number | undefined,
  where: string,
): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new LightboxError(
      'INVALID_IMAGE',
      `The ${where} declares an image of ${width}×${height} pixels, which is empty.`,
      {
        details: { width, height },
      },
    );
  }
  const limit = maxPixels ?? DEFAULT_MAX_PIXELS;
  if (width * height > limit) {
    throw new LightboxError(
      'IMAGE_TOO_LARGE',
      `The ${where} declares ${width}×${height} = ${width * height} pixels, more than the limit of ${limit}; ` +
        'refusing to decode it (raise maxPixels if this image is genuine).',
      { details: { width, height, maxPixels: limit } },
    );
  }
}
