import { createRequire } from 'node:module';
import { inflateRawSync } from 'node:zlib';
import { LightboxError } from '@lightbox/contracts';
import type { DataSet } from 'dicom-parser';

const require = createRequire(import.meta.url);
const dicomParser = require('dicom-parser') as typeof import('dicom-parser');

const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
const DEFLATED = '1.2.840.10008.1.2.1.99';

export interface ParsedDicom {
  /** The data set (meta header elements included); for deflated files, over the inflated bytes. */
  readonly dataSet: DataSet;
  readonly transferSyntaxUid: string;
  /** False for a raw data set without the 128-byte preamble, 'DICM' and meta header. */
  readonly hadPart10Header: boolean;
}

export interface ParseDicomOptions {
  /** Largest inflated size accepted for the deflated transfer syntax (zip bombs). */
  readonly maxInflatedBytes: number;
}

/**
 * Parses a DICOM file with dicom-parser. A Part-10 file ('DICM' at byte 128) is read by its meta header's
 * transfer syntax. Without a preamble, a data set is read as implicit VR little endian (as old CR exports are),
 * or explicit VR little endian when its first element carries a VR; a file that starts directly with the meta
 * group (0002) is read as if its preamble were there. Every parse failure is INVALID_IMAGE with the reason.
 */
export function parseDicom(bytes: Uint8Array, options: ParseDicomOptions): ParsedDicom {
  const hasPreamble = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  const startsWithMetaGroup = bytes.length >= 8 && bytes[0] === 0x02 && bytes[1] === 0x00;
  const input = readableVrs(!hasPreamble && startsWithMetaGroup ? withPreamble(bytes) : bytes);
  const part10 = hasPreamble || startsWithMetaGroup;
  const rawTransferSyntax = part10 ? undefined : guessRawTransferSyntax(bytes);

  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(input, {
      ...(rawTransferSyntax === undefined ? {} : { TransferSyntaxUID: rawTransferSyntax }),
      inflater: (array: Uint8Array, position: number) => inflate(array, position, options.maxInflatedBytes),
    } as Parameters<typeof dicomParser.parseDicom>[1]);
  } catch (error) {
    throw parseFailure(error, part10);
  }
  const transferSyntaxUid = part10 ? (dataSet.string('x00020010') ?? '').replace(/\0/g, '').trim() : rawTransferSyntax!;
  if (transferSyntaxUid === '') {
    throw new LightboxError('INVALID_IMAGE', 'The DICOM meta header has no Transfer Syntax UID (0002,0010).');
  }
  return { dataSet, transferSyntaxUid, hadPart10Header: hasPreamble };
}

/**
 * dicom-parser 1.8 predates the OV VR, reads its length as 2 bytes and loses its way. The Extended Offset Table
 * (7FE0,0001) and its lengths (7FE0,0002) are OV; relabel them OB, which has the same layout, in a copy.
 */
function readableVrs(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let copy: Uint8Array | undefined;
  for (const element of [0x01, 0x02]) {
    const at = buffer.indexOf(Buffer.from([0xe0, 0x7f, element, 0x00, 0x4f, 0x56, 0x00, 0x00]));
    if (at < 0) continue;
    copy ??= bytes.slice();
    copy[at + 5] = 0x42; // 'V' -> 'B'
  }
  return copy ?? bytes;
}

function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + bytes.length);
  out.set([0x44, 0x49, 0x43, 0x4d], 128); // 'DICM'
  out.set(bytes, 132);
  return out;
}

/** Explicit VR when bytes 4-5 of the first element are two upper-case letters, else implicit VR. */
function guessRawTransferSyntax(bytes: Uint8Array): string {
  const a = bytes[4] ?? 0;
  const b = bytes[5] ?? 0;
  const isLetter = (c: number) => c >= 0x41 && c <= 0x5a;
  return isLetter(a) && isLetter(b) ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
}

function inflate(array: Uint8Array, position: number, maxInflatedBytes: number): Uint8Array {
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(array.subarray(position), { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    const tooLarge = (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new LightboxError(
      tooLarge ? 'IMAGE_TOO_LARGE' : 'INVALID_IMAGE',
      tooLarge
        ? `The deflated DICOM data set inflates to more than ${maxInflatedBytes} bytes; refusing it.`
        : `The deflated DICOM data set (${DEFLATED}) cannot be inflated: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  const out = new Uint8Array(position + inflated.length);
  out.set(array.subarray(0, position));
  out.set(inflated, position);
  return out;
}

/** dicom-parser throws strings, Errors, or { exception, dataSet } with what it parsed before failing. */
function parseFailure(error: unknown, part10: boolean): LightboxError {
  if (error instanceof LightboxError) return error;
  const wrapped = error as { exception?: unknown; dataSet?: DataSet };
  const reason = String(wrapped?.exception ?? (error instanceof Error ? error.message : error));
  const partial = wrapped?.dataSet;
  if (partial?.elements.x7fe00010 !== undefined && /overrun|beyond|greater than/i.test(reason)) {
    return new LightboxError(
      'INVALID_IMAGE',
      'The DICOM file is truncated: it ends inside the Pixel Data element (7FE0,0010).',
      { cause: error },
    );
  }
  const kind = part10 ? 'DICOM file' : 'DICOM data set without a Part-10 header';
  const truncated = /overrun|beyond|greater than|cannot be greater|past the end/i.test(reason);
  return new LightboxError(
    'INVALID_IMAGE',
    truncated
      ? `The ${kind} is truncated or corrupt: an element runs past the end of the data (${reason.replace(/^dicomParser[.:]\S*:?\s*/, '')}).`
      : `The ${kind} cannot be parsed: ${reason.replace(/^dicomParser[.:]\S*:?\s*/, '')}.`,
    { cause: error },
  );
}
