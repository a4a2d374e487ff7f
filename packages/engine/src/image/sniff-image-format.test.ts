import { describe, expect, it } from 'vitest';
import { readFixtureBytes } from '../../test/fixtures/images/image-fixtures';
import { sniffImageFormat } from './sniff-image-format';

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

describe('sniffImageFormat', () => {
  it('recognises PNG, JPEG and Part-10 DICOM by content', () => {
    expect(sniffImageFormat(readFixtureBytes('png/gray-8.png'))).toBe('png');
    expect(sniffImageFormat(readFixtureBytes('jpeg/gray-baseline.jpg'))).toBe('jpeg');
    expect(sniffImageFormat(readFixtureBytes('dicom/mono2-12bit-rle.dcm'))).toBe('dicom');
  });

  it('recognises a raw DICOM data set without the Part-10 header', () => {
    expect(sniffImageFormat(readFixtureBytes('dicom/no-part10-implicit.dcm'))).toBe('dicom-raw');
    // (0008,0016) UI, explicit VR, length 26
    const explicit = new Uint8Array([
      0x08,
      0x00,
      0x16,
      0x00,
      ...ascii('UI'),
      26,
      0,
      ...ascii('1.2.840.10008.5.1.4.1.1.7'),
      0,
    ]);
    expect(sniffImageFormat(explicit)).toBe('dicom-raw');
  });

  it('names known formats it refuses', () => {
    expect(() => sniffImageFormat(new Uint8Array([...ascii('GIF89a'), 1, 0, 1, 0, 0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_IMAGE', message: expect.stringContaining('GIF') }),
    );
    const bmp = new Uint8Array(60);
    bmp.set(ascii('BM'));
    expect(() => sniffImageFormat(bmp)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_IMAGE', message: expect.stringContaining('BMP') }),
    );
    expect(() => sniffImageFormat(new Uint8Array([...ascii('II*'), 0, 8, 0, 0, 0]))).toThrow(/TIFF/);
  });

  it('refuses empty input and unknown bytes with INVALID_IMAGE showing the first bytes', () => {
    expect(() => sniffImageFormat(new Uint8Array())).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('empty') }),
    );
    expect(() => sniffImageFormat(new Uint8Array(ascii('hello, this is text and not an image')))).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('68 65 6c 6c') }),
    );
  });

  it('does not take a PNG with a damaged signature for a PNG', () => {
    const bytes = readFixtureBytes('png/gray-8.png').slice();
    bytes[1] = 0x51;
    expect(() => sniffImageFormat(bytes)).toThrow(expect.objectContaining({ code: 'INVALID_IMAGE' }));
  });
});
