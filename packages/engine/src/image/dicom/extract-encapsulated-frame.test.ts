import { describe, expect, it } from 'vitest';
import { buildDicom, encapsulatedPixelData, type TestElement } from '../../../test/fixtures/images/build-dicom';
import { readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { extractEncapsulatedFrame } from './extract-encapsulated-frame';
import { parseDicom } from './parse-dicom';

const JPEG_LS = '1.2.840.10008.1.2.4.80';
const dataSetOf = (elements: TestElement[]) =>
  parseDicom(buildDicom(elements, JPEG_LS), { maxInflatedBytes: 1 << 20 }).dataSet;
const soi = (...body: number[]) => new Uint8Array([0xff, 0xd8, ...body]);
const eoi = (...body: number[]) => new Uint8Array([...body, 0xff, 0xd9]);

describe('extractEncapsulatedFrame', () => {
  it('joins all fragments of a single-frame image', () => {
    const dataSet = dataSetOf([encapsulatedPixelData([soi(1, 2), new Uint8Array([3, 4]), eoi(5, 6)])]);
    expect(Array.from(extractEncapsulatedFrame(dataSet, 1))).toEqual([0xff, 0xd8, 1, 2, 3, 4, 5, 6, 0xff, 0xd9]);
  });

  it('uses the Basic Offset Table to find the fragments of frame 1', () => {
    // Frame 1: two fragments of 4 bytes (items of 12 bytes each); frame 2 starts at offset 24.
    const fragments = [soi(1, 2), eoi(3, 4), soi(9, 9), eoi(9, 9)];
    const dataSet = dataSetOf([encapsulatedPixelData(fragments, [0, 24])]);
    expect(Array.from(extractEncapsulatedFrame(dataSet, 2))).toEqual([0xff, 0xd8, 1, 2, 3, 4, 0xff, 0xd9]);
  });

  it('takes one fragment per frame when their numbers match', () => {
    const dataSet = dataSetOf([encapsulatedPixelData([eoi(1, 2), eoi(3, 4), eoi(5, 6)])]);
    expect(Array.from(extractEncapsulatedFrame(dataSet, 3))).toEqual([1, 2, 0xff, 0xd9]);
  });

  it('without an offset table, reads fragments up to the first that ends with FF D9 (padding allowed)', () => {
    const padded = new Uint8Array([3, 0xff, 0xd9, 0]);
    const dataSet = dataSetOf([encapsulatedPixelData([soi(1, 2), padded, soi(7, 7), eoi(7, 7)])]);
    expect(Array.from(extractEncapsulatedFrame(dataSet, 2))).toEqual([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9, 0]);
  });

  it('uses the Extended Offset Table when present', () => {
    const table = new Uint8Array(16);
    new DataView(table.buffer).setBigUint64(0, 12n, true); // frame 1 is the second fragment
    new DataView(table.buffer).setBigUint64(8, 0n, true);
    const dataSet = dataSetOf([
      { tag: 0x7fe00001, vr: 'OV', value: table },
      encapsulatedPixelData([eoi(1, 1), eoi(2, 2)]),
    ]);
    expect(Array.from(extractEncapsulatedFrame(dataSet, 2))).toEqual([2, 2, 0xff, 0xd9]);
  });

  it('refuses encapsulated data with no fragments, or whose frames cannot be told apart', () => {
    expect(() => extractEncapsulatedFrame(dataSetOf([encapsulatedPixelData([])]), 1)).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('no fragments') }),
    );
    const noMarkers = dataSetOf([
      encapsulatedPixelData([new Uint8Array([1, 2]), new Uint8Array([3, 4]), new Uint8Array([5, 6])]),
    ]);
    expect(() => extractEncapsulatedFrame(noMarkers, 2)).toThrow(/no fragment ends with an end marker/);
    const badTable = dataSetOf([encapsulatedPixelData([eoi(1, 1), eoi(2, 2), eoi(3, 3)], [4, 12])]);
    expect(() => extractEncapsulatedFrame(badTable, 2)).toThrow(/Basic Offset Table points at offset 4/);
  });

  it('refuses native (defined-length) Pixel Data', () => {
    const dataSet = parseDicom(readFixtureBytes('dicom/mono2-12bit-explicit-le.dcm'), {
      maxInflatedBytes: 1 << 20,
    }).dataSet;
    expect(() => extractEncapsulatedFrame(dataSet, 1)).toThrow(/not encapsulated/);
  });
});
