import { describe, expect, it } from 'vitest';
import { readFixtureBytes } from '../../../test/fixtures/images/image-fixtures';
import { readJ2kHeader } from './read-j2k-header';

function box(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(
    Array.from(type, (c) => c.charCodeAt(0)),
    4,
  );
  out.set(body, 8);
  return out;
}

describe('readJ2kHeader', () => {
  it('reads the SIZ segment of a codestream', () => {
    expect(readJ2kHeader(readFixtureBytes('codestreams/gray12.j2k'))).toEqual({
      width: 64,
      height: 48,
      components: 1,
      precision: 16, // gdcmconv codes 12-bit stored values at 16-bit precision
      signed: false,
      hasEoc: true,
      codestreamOffset: 0,
    });
    expect(readJ2kHeader(readFixtureBytes('codestreams/signed16.j2k'))).toMatchObject({ precision: 16, signed: true });
    expect(readJ2kHeader(readFixtureBytes('codestreams/rgb8.j2k'))).toMatchObject({ components: 3, precision: 8 });
  });

  it('finds the codestream inside a JP2 file', () => {
    const codestream = readFixtureBytes('codestreams/gray12.j2k');
    const signature = box('jP  ', new Uint8Array([0x0d, 0x0a, 0x87, 0x0a]));
    const ftyp = box('ftyp', new Uint8Array([0x6a, 0x70, 0x32, 0x20, 0, 0, 0, 0, 0x6a, 0x70, 0x32, 0x20]));
    const file = new Uint8Array([...signature, ...ftyp, ...box('jp2c', codestream)]);
    expect(readJ2kHeader(file)).toMatchObject({
      width: 64,
      height: 48,
      codestreamOffset: signature.length + ftyp.length + 8,
    });
  });

  it('reports a truncated codestream as having no EOC, and ignores zero padding', () => {
    const codestream = readFixtureBytes('codestreams/gray12.j2k');
    expect(readJ2kHeader(codestream.subarray(0, 1000)).hasEoc).toBe(false);
    expect(readJ2kHeader(new Uint8Array([...codestream, 0])).hasEoc).toBe(true);
  });

  it('refuses data that is not JPEG 2000', () => {
    expect(() => readJ2kHeader(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'INVALID_IMAGE', message: expect.stringContaining('SOC') }),
    );
    expect(() => readJ2kHeader(new Uint8Array([0xff, 0x4f, 0xff, 0x51, 0, 0x29]))).toThrow(/SIZ/);
  });
});
