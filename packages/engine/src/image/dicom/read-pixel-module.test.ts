import { describe, expect, it } from 'vitest';
import { buildDicom, grayImage, type TestElement } from '../../../test/fixtures/images/build-dicom';
import { parseDicom } from './parse-dicom';
import { readPixelModule } from './read-pixel-module';

const dataSetOf = (bytes: Uint8Array) => parseDicom(bytes, { maxInflatedBytes: 1 << 20 }).dataSet;

function withAttributes(extra: TestElement[], base: Partial<Record<number, TestElement['value']>> = {}): Uint8Array {
  const defaults: Record<number, [string, TestElement['value']]> = {
    2621442: ['US', [1]],
    2621444: ['CS', 'MONOCHROME2'],
    2621456: ['US', [2]],
    2621457: ['US', [2]],
    2621696: ['US', [16]],
    2621697: ['US', [12]],
    2621698: ['US', [11]],
    2621699: ['US', [0]],
  };
  const elements: TestElement[] = Object.entries(defaults).map(([tag, [vr, value]]) => ({
    tag: Number(tag),
    vr,
    value: base[Number(tag)] ?? value,
  }));
  return buildDicom(
    [...elements, ...extra, { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(8) }].sort((a, b) => a.tag - b.tag),
  );
}

describe('readPixelModule', () => {
  it('reads the Image Pixel Module', () => {
    const module = readPixelModule(
      dataSetOf(grayImage({ rows: 2, columns: 3, words: [1, 2, 3, 4, 5, 6], bitsStored: 12, signed: true })),
      undefined,
    );
    expect(module).toEqual({
      rows: 2,
      columns: 3,
      samplesPerPixel: 1,
      photometricInterpretation: 'MONOCHROME2',
      bitsAllocated: 16,
      bitsStored: 12,
      highBit: 11,
      signed: true,
      planarConfiguration: 0,
      numberOfFrames: 1,
    });
  });

  it('reads Number of Frames', () => {
    const module = readPixelModule(dataSetOf(withAttributes([{ tag: 0x00280008, vr: 'IS', value: '3' }])), undefined);
    expect(module.numberOfFrames).toBe(3);
  });

  it('checks Rows × Columns against maxPixels before anything else is read', () => {
    const dataSet = dataSetOf(withAttributes([], { 2621456: [60000], 2621457: [60000] }));
    expect(() => readPixelModule(dataSet, undefined)).toThrow(expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }));
    expect(() => readPixelModule(dataSetOf(withAttributes([])), 3)).toThrow(
      expect.objectContaining({ code: 'IMAGE_TOO_LARGE' }),
    );
  });

  it.each([
    ['no Pixel Data', buildDicom([{ tag: 0x00280010, vr: 'US', value: [2] }]), 'INVALID_IMAGE', 'no Pixel Data'],
    [
      'Float Pixel Data',
      buildDicom([{ tag: 0x7fe00008, vr: 'OF', value: new Uint8Array(16) }]),
      'UNSUPPORTED_IMAGE',
      'Float',
    ],
    ['PALETTE COLOR', withAttributes([], { 2621444: 'PALETTE COLOR' }), 'UNSUPPORTED_IMAGE', 'PALETTE COLOR'],
    ['an unknown photometric', withAttributes([], { 2621444: 'CMYK' }), 'UNSUPPORTED_IMAGE', 'CMYK'],
    ['RGB with one sample', withAttributes([], { 2621444: 'RGB' }), 'INVALID_IMAGE', 'Samples per Pixel is 1'],
    ['Bits Allocated 12', withAttributes([], { 2621696: [12] }), 'INVALID_IMAGE', 'Bits Allocated is 12'],
    ['Bits Allocated 32', withAttributes([], { 2621696: [32] }), 'UNSUPPORTED_IMAGE', '32-bit'],
    ['Bits Stored above Bits Allocated', withAttributes([], { 2621697: [17] }), 'INVALID_IMAGE', 'Bits Stored is 17'],
    ['a High Bit below Bits Stored', withAttributes([], { 2621698: [4] }), 'INVALID_IMAGE', 'High Bit is 4'],
    ['Pixel Representation 2', withAttributes([], { 2621699: [2] }), 'INVALID_IMAGE', 'Pixel Representation is 2'],
    ['zero Rows', withAttributes([], { 2621456: [0] }), 'INVALID_IMAGE', 'empty'],
  ])('refuses %s', (_what, bytes, code, text) => {
    expect(() => readPixelModule(dataSetOf(bytes), undefined)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(text) }),
    );
  });
});
