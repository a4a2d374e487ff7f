import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { decodeImage } from '@lightbox/engine/image/index';
import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { deidentifyDicom, replacementUid } from './deidentify-dicom';

const FIXTURES = new URL('../../../../packages/engine/test/fixtures/images/dicom/', import.meta.url);
const SECRET = 'test-secret-test-secret-test-secret';

function withIdentity(name: string): Uint8Array {
  const bytes = readFileSync(new URL(name, FIXTURES));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(buffer);
  Object.assign(file.dict, {
    '00100010': { vr: 'PN', Value: [{ Alphabetic: 'Doe^Jane' }] },
    '00100020': { vr: 'LO', Value: ['MRN-12345'] },
    '00100030': { vr: 'DA', Value: ['19700101'] },
    '00080080': { vr: 'LO', Value: ['St Example Hospital'] },
    '00080090': { vr: 'PN', Value: [{ Alphabetic: 'House^Gregory' }] },
    '0020000D': { vr: 'UI', Value: ['1.2.3.4.5.6.7.8'] },
    '0020000E': { vr: 'UI', Value: ['1.2.3.4.5.6.7.9'] },
    '00080018': { vr: 'UI', Value: ['1.2.3.4.5.6.7.10'] },
    '00091010': { vr: 'LO', Value: ['private secret'] },
    '00081140': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3.4.5.6.7.11'] } }] },
  });
  file.meta['00020003'] = { vr: 'UI', Value: ['1.2.3.4.5.6.7.10'] };
  return new Uint8Array(file.write());
}

describe('deidentifyDicom', () => {
  it('removes identifiers, keeps the pixels, and pseudonymises consistently', async () => {
    const original = withIdentity('mono2-8bit-rle.dcm');
    const result = deidentifyDicom(original, SECRET);
    const text = Buffer.from(result.bytes).toString('latin1');
    for (const secret of [
      'Doe^Jane',
      'MRN-12345',
      '19700101',
      'St Example Hospital',
      'House',
      'private secret',
      '1.2.3.4.5.6.7.8',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(result.patientPseudonym).toMatch(/^PAT-[0-9A-F]{20}$/);
    expect(result.studyPseudonym).toMatch(/^STU-[0-9A-F]{20}$/);
    expect(text).toContain(result.patientPseudonym!);
    expect(text).toContain(replacementUid(SECRET, '1.2.3.4.5.6.7.8'));
    expect(result.metadata.modality).not.toBeUndefined();

    const before = await decodeImage(original);
    const after = await decodeImage(result.bytes);
    expect(after.width).toBe(before.width);
    expect(Array.from(after.data)).toEqual(Array.from(before.data));

    const again = deidentifyDicom(withIdentity('mono2-8bit-rle.dcm'), SECRET);
    expect(again.patientPseudonym).toBe(result.patientPseudonym);
    expect(deidentifyDicom(original, 'another-secret-another-secret').patientPseudonym).not.toBe(
      result.patientPseudonym,
    );
  });

  it('gives a file without a Part-10 header one', async () => {
    const raw = new Uint8Array(readFileSync(new URL('no-part10-implicit.dcm', FIXTURES)));
    const result = deidentifyDicom(raw, SECRET);
    expect(Buffer.from(result.bytes.subarray(128, 132)).toString('latin1')).toBe('DICM');
    const before = await decodeImage(raw);
    const after = await decodeImage(result.bytes);
    expect(Array.from(after.data)).toEqual(Array.from(before.data));
  });

  it('keeps every fixture decodable with the same pixels', async () => {
    let checked = 0;
    const names = execFileSync('ls', [new URL('.', FIXTURES).pathname])
      .toString()
      .trim()
      .split('\n');
    for (const name of names.filter((n) => n.endsWith('.dcm'))) {
      const bytes = new Uint8Array(readFileSync(new URL(name, FIXTURES)));
      let before: Awaited<ReturnType<typeof decodeImage>>;
      try {
        before = await decodeImage(bytes);
      } catch {
        continue;
      }
      const after = await decodeImage(deidentifyDicom(bytes, SECRET).bytes);
      expect([name, after.width, after.height]).toEqual([name, before.width, before.height]);
      expect(
        Array.from(after.data).every((v, i) => v === before.data[i]),
        name,
      ).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(15);
  });
});
