import { createHmac } from 'node:crypto';
import { LightboxError } from '@lightbox/contracts';
import { parseDicom } from '@lightbox/engine/image/index';
import dcmjs, { type TDicomDataset, type TDicomElement } from 'dcmjs';
import { BASIC_PROFILE } from './confidentiality-profile';

dcmjs.log.setLevel('silent');

const IMPLICIT_LE = '1.2.840.10008.1.2';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const DEFLATED_LE = '1.2.840.10008.1.2.1.99';
const EXPLICIT_BE = '1.2.840.10008.1.2.2';
const PIXEL_DATA = '7FE00010';
/** UIDs under the DICOM root name things (SOP classes, transfer syntaxes, coding schemes), not patients. */
const DICOM_ROOT = '1.2.840.10008.';

export type TDeidentifiedDicom = {
  /** The de-identified Part-10 file. */
  bytes: Uint8Array;
  /** Keyed pseudonyms (HMAC-SHA256 with the configured secret): the same patient or study always gets the same one. */
  patientPseudonym: string | null;
  studyPseudonym: string | null;
  /** Attributes kept, worth showing next to the image. */
  metadata: Record<string, string | number | null>;
};

/** Keyed, stable pseudonym: `<prefix>-` + 20 hex characters of HMAC-SHA256(secret, kind ‖ value). */
export function pseudonym(secret: string, kind: 'patient' | 'study', value: string): string {
  const mac = createHmac('sha256', secret).update(`${kind}\u0000${value}`).digest('hex');
  return `${kind === 'patient' ? 'PAT' : 'STU'}-${mac.slice(0, 20).toUpperCase()}`;
}

/** A replacement UID, the same for the same original UID and secret: 2.25.<128-bit integer from the HMAC>. */
export function replacementUid(secret: string, uid: string): string {
  const mac = createHmac('sha256', secret).update(`uid\u0000${uid}`).digest('hex');
  return `2.25.${BigInt(`0x${mac.slice(0, 32)}`).toString()}`;
}

function text(dataset: TDicomDataset, tag: string): string | undefined {
  const value = dataset[tag]?.Value?.[0];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && 'Alphabetic' in (value as Record<string, unknown>)) {
    return String((value as { Alphabetic: unknown }).Alphabetic ?? '').trim() || undefined;
  }
  const s = String(value).trim();
  return s === '' ? undefined : s;
}

function numberOf(dataset: TDicomDataset, tag: string): number | null {
  const value = Number(dataset[tag]?.Value?.[0]);
  return Number.isFinite(value) ? value : null;
}

/**
 * De-identifies a DICOM file per the Basic Application Level Confidentiality Profile (PS3.15 Annex E; see
 * confidentiality-profile.ts): identifying attributes removed or emptied, patient name and ID replaced by the
 * patient pseudonym, every non-DICOM UID replaced consistently (so the series and study structure survives), private
 * attributes, curves and overlays removed, and Patient Identity Removed / De-identification Method recorded. Pixel
 * data is copied unchanged (burned-in annotation is reported in `metadata.burnedInAnnotation`, not removed). A file
 * without a Part-10 header is read as implicit VR little endian and written with one.
 */
export function deidentifyDicom(upload: Uint8Array, secret: string): TDeidentifiedDicom {
  const startsWithMetaGroup = upload.length >= 8 && upload[0] === 0x02 && upload[1] === 0x00;
  const hasPreamble = upload.length > 132 && String.fromCharCode(...upload.subarray(128, 132)) === 'DICM';
  const input = !hasPreamble && startsWithMetaGroup ? withPreamble(upload) : upload;
  const part10 = hasPreamble || startsWithMetaGroup;
  // The engine's parser finds the pixel data element (and checks the file) the way the decoder will read it.
  const parsed = parseDicom(input, { maxInflatedBytes: 1024 * 1024 * 1024 });
  const syntax = parsed.transferSyntaxUid;
  // Pixel data is copied byte for byte, except for deflated and big-endian files, which dcmjs rewrites whole.
  const copyPixels = syntax !== DEFLATED_LE && syntax !== EXPLICIT_BE;
  const buffer = input.buffer.slice(input.byteOffset, input.byteOffset + input.byteLength) as ArrayBuffer;
  const readOptions = { ignoreErrors: false, untilTag: copyPixels ? PIXEL_DATA : null };
  let meta: TDicomDataset;
  let dataset: TDicomDataset;
  try {
    if (part10) {
      const file = dcmjs.data.DicomMessage.readFile(buffer, readOptions);
      meta = file.meta;
      dataset = file.dict;
    } else {
      dataset = dcmjs.data.DicomMessage._read(new dcmjs.data.ReadBufferStream(buffer, true), syntax, readOptions);
      meta = { '00020010': { vr: 'UI', Value: [syntax] } };
    }
  } catch (cause) {
    throw new LightboxError('INVALID_IMAGE', 'The DICOM file could not be read for de-identification', { cause });
  }
  const pixelElement = parsed.dataSet.elements.x7fe00010;
  if (!dataset[PIXEL_DATA] || !pixelElement) {
    throw new LightboxError('INVALID_IMAGE', 'The DICOM file has no Pixel Data (7FE0,0010)');
  }
  const pixelBytes = copyPixels ? pixelElementBytes(input, pixelElement, syntax) : undefined;

  const patientKey =
    text(dataset, '00100020') !== undefined
      ? `${text(dataset, '00100021') ?? ''}|${text(dataset, '00100020')}`
      : text(dataset, '00100010') !== undefined
        ? `name:${text(dataset, '00100010')}|${text(dataset, '00100030') ?? ''}`
        : undefined;
  const studyKey =
    text(dataset, '0020000D') ?? (text(dataset, '00080050') ? `acc:${text(dataset, '00080050')}` : undefined);
  const patientPseudonym = patientKey === undefined ? null : pseudonym(secret, 'patient', patientKey);
  const studyPseudonym = studyKey === undefined ? null : pseudonym(secret, 'study', studyKey);

  const metadata: TDeidentifiedDicom['metadata'] = {
    modality: text(dataset, '00080060') ?? null,
    bodyPartExamined: text(dataset, '00180015') ?? null,
    viewPosition: text(dataset, '00185101') ?? null,
    photometricInterpretation: text(dataset, '00280004') ?? null,
    rows: numberOf(dataset, '00280010'),
    columns: numberOf(dataset, '00280011'),
    bitsStored: numberOf(dataset, '00280101'),
    numberOfFrames: numberOf(dataset, '00280008') ?? 1,
    sopClassUid: text(dataset, '00080016') ?? null,
    transferSyntaxUid: text(meta, '00020010') ?? IMPLICIT_LE,
    burnedInAnnotation: text(dataset, '00280301') ?? null,
  };

  cleanDataset(dataset, secret, patientPseudonym ?? 'ANONYMOUS');
  dataset['00120062'] = { vr: 'CS', Value: ['YES'] };
  dataset['00120063'] = { vr: 'LO', Value: ['Lightbox: DICOM PS3.15 Annex E Basic Profile'] };
  dataset['00120064'] = {
    vr: 'SQ',
    Value: [
      {
        '00080100': { vr: 'SH', Value: ['113100'] },
        '00080102': { vr: 'SH', Value: ['DCM'] },
        '00080104': { vr: 'LO', Value: ['Basic Application Confidentiality Profile'] },
      },
    ],
  };

  const newMeta: TDicomDataset = {
    '00020001': { vr: 'OB', Value: [new Uint8Array([0, 1]).buffer] },
    '00020002': { vr: 'UI', Value: [text(dataset, '00080016') ?? '1.2.840.10008.5.1.4.1.1.7'] },
    '00020003': { vr: 'UI', Value: [text(dataset, '00080018') ?? replacementUid(secret, 'missing-sop-instance')] },
    // A deflated dataset is written inflated: dcmjs does not deflate on write.
    '00020010': { vr: 'UI', Value: [syntax === DEFLATED_LE ? EXPLICIT_LE : syntax] },
    '00020012': { vr: 'UI', Value: ['2.25.207446462462163337516462846017094536914'] },
    '00020013': { vr: 'SH', Value: ['LIGHTBOX'] },
  };
  if (pixelBytes) {
    // Nothing after the pixel data is kept (trailing padding, digital signatures of the original).
    for (const tag of Object.keys(dataset)) if (tag >= PIXEL_DATA) delete dataset[tag];
  }
  const file = new dcmjs.data.DicomDict(newMeta);
  file.dict = dataset;
  let bytes: Uint8Array;
  try {
    const header = new Uint8Array(file.write({ allowInvalidVRLength: true }));
    bytes = pixelBytes ? Buffer.concat([header, pixelBytes]) : header;
  } catch (cause) {
    throw new LightboxError('INVALID_IMAGE', 'The DICOM file could not be rewritten after de-identification', {
      cause,
    });
  }
  return { bytes, patientPseudonym, studyPseudonym, metadata };
}

function isPrivate(tag: string): boolean {
  return Number.parseInt(tag.slice(0, 4), 16) % 2 === 1;
}

function isCurveOrOverlay(tag: string): boolean {
  const group = tag.slice(0, 2);
  if (group === '50') return true;
  return group === '60' && (tag.endsWith('3000') || tag.endsWith('4000'));
}

function cleanDataset(dataset: TDicomDataset, secret: string, dummy: string): void {
  for (const tag of Object.keys(dataset)) {
    const element = dataset[tag]!;
    if (isPrivate(tag) || isCurveOrOverlay(tag)) {
      delete dataset[tag];
      continue;
    }
    const action = BASIC_PROFILE[tag];
    if (action === 'X') {
      delete dataset[tag];
      continue;
    }
    if (action === 'Z') {
      dataset[tag] = { vr: element.vr, Value: [] };
      continue;
    }
    if (action === 'D') {
      dataset[tag] = { vr: element.vr, Value: [element.vr === 'PN' ? { Alphabetic: dummy } : dummy] };
      continue;
    }
    if (element.vr === 'UI') {
      dataset[tag] = { vr: 'UI', Value: (element.Value ?? []).map((uid) => replaceUid(secret, uid)) };
      continue;
    }
    if (element.vr === 'SQ') {
      for (const item of (element.Value ?? []) as TDicomDataset[]) cleanDataset(item, secret, dummy);
      dataset[tag] = { vr: 'SQ', Value: element.Value ?? [] } as TDicomElement;
    }
  }
}

function replaceUid(secret: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const uid = value.replace(/\0/g, '').trim();
  if (uid === '' || uid.startsWith(DICOM_ROOT)) return uid;
  return replacementUid(secret, uid);
}

function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + bytes.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(bytes, 132);
  return out;
}

/**
 * The whole Pixel Data element as stored (tag, VR, length, value; for encapsulated data every item and the sequence
 * delimiter), so compressed frames are never re-encoded.
 */
function pixelElementBytes(
  bytes: Uint8Array,
  element: { dataOffset: number; length: number; hadUndefinedLength?: boolean },
  syntax: string,
): Uint8Array {
  const headerLength = syntax === IMPLICIT_LE ? 8 : 12;
  const start = element.dataOffset - headerLength;
  const isTag = (at: number, a: number, b: number, c: number, d: number) =>
    bytes[at] === a && bytes[at + 1] === b && bytes[at + 2] === c && bytes[at + 3] === d;
  if (start < 0 || !isTag(start, 0xe0, 0x7f, 0x10, 0x00)) {
    throw new LightboxError('INVALID_IMAGE', 'The Pixel Data element of the DICOM file could not be located');
  }
  let end = Math.min(bytes.length, element.dataOffset + element.length);
  if (element.hadUndefinedLength && !isTag(end - 8, 0xfe, 0xff, 0xdd, 0xe0) && isTag(end, 0xfe, 0xff, 0xdd, 0xe0)) {
    end = Math.min(bytes.length, end + 8);
  }
  return bytes.subarray(start, end);
}
