import { describe, expect, it } from 'vitest';
import { buildDicom } from '../../../test/fixtures/images/build-dicom';
import { readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { parseDicom } from './parse-dicom';

const options = { maxInflatedBytes: 1 << 24 };

describe('parseDicom', () => {
  it('reads a Part-10 file by the transfer syntax of its meta header', () => {
    const parsed = parseDicom(readFixtureBytes('dicom/mono2-12bit-implicit-le.dcm'), options);
    expect(parsed.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    expect(parsed.hadPart10Header).toBe(true);
    expect(parsed.dataSet.uint16('x00280010')).toBe(48);
  });

  it('reads a raw data set (no preamble, no meta header) as implicit VR little endian', () => {
    const parsed = parseDicom(readFixtureBytes('dicom/no-part10-implicit.dcm'), options);
    expect(parsed).toMatchObject({ transferSyntaxUid: '1.2.840.10008.1.2', hadPart10Header: false });
    expect(parsed.dataSet.uint16('x00280011')).toBe(64);
  });

  it('reads a file that starts at its meta header (preamble missing)', () => {
    const parsed = parseDicom(readFixtureBytes('dicom/mono2-12bit-rle.dcm').subarray(132), options);
    expect(parsed).toMatchObject({ transferSyntaxUid: '1.2.840.10008.1.2.5', hadPart10Header: false });
  });

  it('inflates the deflated transfer syntax, within a ceiling', () => {
    const bytes = readFixtureBytes('dicom/mono2-12bit-deflated.dcm');
    expect(parseDicom(bytes, options).dataSet.uint16('x00280100')).toBe(16);
    expect(() => parseDicom(bytes, { maxInflatedBytes: 4096 })).toThrow(
      expect.objectContaining({
        code: 'IMAGE_TOO_LARGE',
        message: expect.stringContaining('inflates to more than 4096'),
      }),
    );
  });

  it('says a file cut inside its Pixel Data is truncated', () => {
    const bytes = readFixtureBytes('dicom/mono2-12bit-explicit-le.dcm');
    expect(() => parseDicom(bytes.subarray(0, bytes.length - 100), options)).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('truncated') }),
    );
  });

  it('refuses a file cut inside its header, and a meta header without a transfer syntax', () => {
    const bytes = readFixtureBytes('dicom/mono2-12bit-explicit-le.dcm');
    expect(() => parseDicom(bytes.subarray(0, 300), options)).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE' }),
    );
    const noSyntax = buildDicom([{ tag: 0x00280010, vr: 'US', value: [1] }]).slice();
    // Overwrite the transfer syntax tag (0002,0010) with (0002,0011): the meta header then lacks it.
    const at = noSyntax.findIndex(
      (b, i) => i > 132 && b === 0x02 && noSyntax[i + 1] === 0 && noSyntax[i + 2] === 0x10 && noSyntax[i + 3] === 0,
    );
    noSyntax[at + 2] = 0x11;
    expect(() => parseDicom(noSyntax, options)).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('0002,0010') }),
    );
  });

  it('reads the OV Extended Offset Table, which dicom-parser does not know, as OB', () => {
    const table = new Uint8Array(8);
    const bytes = buildDicom([
      { tag: 0x00280010, vr: 'US', value: [1] },
      { tag: 0x7fe00001, vr: 'OV', value: table },
      { tag: 0x7fe00002, vr: 'OV', value: table },
      { tag: 0x7fe00010, vr: 'OW', value: new Uint8Array(2) },
    ]);
    const parsed = parseDicom(bytes, options);
    expect(parsed.dataSet.elements.x7fe00001?.length).toBe(8);
    expect(parsed.dataSet.elements.x7fe00010?.length).toBe(2);
    // The caller's bytes are not modified.
    expect(Buffer.from(bytes).indexOf(Buffer.from([0xe0, 0x7f, 0x01, 0x00, 0x4f, 0x56]))).toBeGreaterThan(132);
  });
});
