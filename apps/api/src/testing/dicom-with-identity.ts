import { readFileSync } from 'node:fs';
import dcmjs from 'dcmjs';

const FIXTURES = new URL('../../../../packages/engine/test/fixtures/images/dicom/', import.meta.url);

/** An engine DICOM fixture with a patient's identity written into it (name, ID, birth date, study UID…). */
export function dicomWithIdentity(
  identity: { patientId?: string; name?: string; studyUid?: string } = {},
  fixture = 'mono2-8bit-rle.dcm',
): Uint8Array {
  const bytes = readFileSync(new URL(fixture, FIXTURES));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(buffer);
  const sop = `1.2.826.0.1.3680043.99.${Date.now()}.${Math.floor(Math.random() * 1e6)}`;
  Object.assign(file.dict, {
    '00100010': { vr: 'PN', Value: [{ Alphabetic: identity.name ?? 'Doe^Jane' }] },
    '00100020': { vr: 'LO', Value: [identity.patientId ?? 'MRN-12345'] },
    '00100030': { vr: 'DA', Value: ['19700101'] },
    '00080080': { vr: 'LO', Value: ['St Example Hospital'] },
    '0020000D': { vr: 'UI', Value: [identity.studyUid ?? '1.2.826.0.1.3680043.99.1'] },
    '00080018': { vr: 'UI', Value: [sop] },
  });
  file.meta['00020003'] = { vr: 'UI', Value: [sop] };
  return new Uint8Array(file.write());
}
