import { describe, expect, it } from 'vitest';
import { grayImage } from '../../../test/fixtures/images/build-dicom';
import { readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { extractNativeFrame, nativeFrameLength } from './extract-native-frame';
import { parseDicom } from './parse-dicom';
import { readPixelModule } from './read-pixel-module';

function load(bytes: Uint8Array) {
  const { dataSet } = parseDicom(bytes, { maxInflatedBytes: 1 << 20 });
  return { dataSet, module: readPixelModule(dataSet, undefined) };
}

describe('extractNativeFrame', () => {
  it('returns the bytes of the first frame', () => {
    const { dataSet, module } = load(grayImage({ rows: 1, columns: 2, words: [0x0102, 0x0304] }));
    expect(Array.from(extractNativeFrame(dataSet, module))).toEqual([0x02, 0x01, 0x04, 0x03]);
  });

  it('returns only frame 1 of a multi-frame file', () => {
    const { dataSet, module } = load(readFixtureBytes('dicom/multiframe-12bit-explicit-le.dcm'));
    expect(module.numberOfFrames).toBe(3);
    expect(extractNativeFrame(dataSet, module).length).toBe(64 * 48 * 2);
  });

  it('refuses Pixel Data shorter than Rows × Columns × samples × bytes × frames', () => {
    const { dataSet, module } = load(grayImage({ rows: 2, columns: 2, words: [1, 2, 3] }));
    expect(() => extractNativeFrame(dataSet, module)).toThrow(
      expect.objectContaining({
        code: 'INVALID_IMAGE',
        message: expect.stringContaining('holds 6 bytes but 2×2 pixels × 1 sample(s) × 2 byte(s) need 8'),
      }),
    );
  });

  it('says the file is truncated when the element runs past its end', () => {
    const bytes = readFixtureBytes('dicom/mono2-12bit-implicit-le.dcm');
    const { dataSet, module } = load(bytes.subarray(0, bytes.length - 1000));
    expect(() => extractNativeFrame(dataSet, module)).toThrow(/truncated: its Pixel Data needs 6144 bytes/);
  });

  it('counts two samples per pixel for native YBR_FULL_422', () => {
    expect(
      nativeFrameLength({
        rows: 2,
        columns: 4,
        samplesPerPixel: 3,
        photometricInterpretation: 'YBR_FULL_422',
        bitsAllocated: 8,
        bitsStored: 8,
        highBit: 7,
        signed: false,
        planarConfiguration: 0,
        numberOfFrames: 1,
      }),
    ).toBe(16);
  });
});
