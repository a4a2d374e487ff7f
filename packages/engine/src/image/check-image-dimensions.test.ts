import { LightboxError } from '@lightbox/contracts';
import { describe, expect, it } from 'vitest';
import { checkImageDimensions } from './check-image-dimensions';

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LightboxError);
    return (error as LightboxError).code;
  }
  return undefined;
}

describe('checkImageDimensions', () => {
  it('accepts sizes within the default limit of 50 million pixels', () => {
    expect(codeOf(() => checkImageDimensions(5000, 10_000, undefined, 'PNG IHDR'))).toBeUndefined();
  });

  it('refuses more pixels than the limit with IMAGE_TOO_LARGE', () => {
    expect(codeOf(() => checkImageDimensions(100_000, 100_000, undefined, 'PNG IHDR'))).toBe('IMAGE_TOO_LARGE');
    expect(codeOf(() => checkImageDimensions(65, 48, 64 * 48, 'DICOM Rows/Columns'))).toBe('IMAGE_TOO_LARGE');
    expect(codeOf(() => checkImageDimensions(64, 48, 64 * 48, 'DICOM Rows/Columns'))).toBeUndefined();
  });

  it('refuses empty or non-integer sizes with INVALID_IMAGE', () => {
    expect(codeOf(() => checkImageDimensions(0, 10, undefined, 'JPEG SOF'))).toBe('INVALID_IMAGE');
    expect(codeOf(() => checkImageDimensions(10, Number.NaN, undefined, 'JPEG SOF'))).toBe('INVALID_IMAGE');
  });

  it('names the header and the numbers in the message', () => {
    expect(() => checkImageDimensions(100_000, 100_000, undefined, 'PNG IHDR')).toThrow(/PNG IHDR.*100000×100000/);
  });
});
