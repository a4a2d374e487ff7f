import { describe, expect, it } from 'vitest';
import { readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { readJpegHeader } from './read-jpeg-header';

describe('readJpegHeader', () => {
  it('reads the frame header of a baseline JPEG and finds its EOI', () => {
    expect(readJpegHeader(readFixtureBytes('codestreams/gray8-baseline.jpg'))).toEqual({
      sofMarker: 0xc0,
      process: 'baseline',
      precision: 8,
      width: 64,
      height: 48,
      components: 1,
      hasEoi: true,
    });
  });

  it('walks the several scans of a progressive JPEG', () => {
    const header = readJpegHeader(readFixtureBytes('jpeg/rgb-progressive.jpg'));
    expect(header).toMatchObject({ process: 'progressive', components: 3, width: 64, height: 48, hasEoi: true });
  });

  it('recognises lossless (SOF3) and JPEG-LS (SOF55) frames with their precision', () => {
    expect(readJpegHeader(readFixtureBytes('codestreams/gray12-lossless-sv6.jpg'))).toMatchObject({
      process: 'lossless',
      precision: 16, // dcmtk codes 12-bit stored values at 16-bit precision
      hasEoi: true,
    });
    expect(readJpegHeader(readFixtureBytes('codestreams/gray12.jls'))).toMatchObject({
      process: 'jpeg-ls',
      precision: 16, // so does CharLS in dcmcjpls
      width: 64,
      height: 48,
      hasEoi: true,
    });
  });

  it('reports a stream cut inside its scan as having no EOI', () => {
    const bytes = readFixtureBytes('codestreams/gray12.jls');
    expect(readJpegHeader(bytes.subarray(0, bytes.length - 100)).hasEoi).toBe(false);
    const jpeg = readFixtureBytes('jpeg/gray-baseline.jpg');
    expect(readJpegHeader(jpeg.subarray(0, jpeg.length - 2)).hasEoi).toBe(false);
  });

  it('refuses data that does not start with SOI, or whose segment runs past the end', () => {
    expect(() => readJpegHeader(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('SOI') }),
    );
    const bytes = readFixtureBytes('jpeg/gray-baseline.jpg');
    expect(() => readJpegHeader(bytes.subarray(0, 30))).toThrow(/runs past the end/);
  });

  it('refuses a stream without a frame header', () => {
    // SOI, a COM segment, EOI.
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xfe, 0x00, 0x04, 0x41, 0x42, 0xff, 0xd9]);
    expect(() => readJpegHeader(bytes)).toThrow(/before any frame header/);
  });
});
