import { LightboxError } from '@lightbox/contracts';
import { printableText } from '../printable-text';

/** How a transfer syntax stores pixel data, i.e. which decoder handles it. */
export type TPixelEncoding =
  | 'native'
  | 'native-big-endian'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'unsupported';

export interface TransferSyntax {
  readonly uid: string;
  readonly name: string;
  readonly encoding: TPixelEncoding;
  /** Whether decoded values may differ from the originals (and so may overshoot Bits Stored). */
  readonly lossy: boolean;
}

/** Lossy, or possibly lossy (.91 may hold reversible or irreversible JPEG 2000). */
const LOSSY = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.51',
  '1.2.840.10008.1.2.4.81',
  '1.2.840.10008.1.2.4.91',
]);

const table: ReadonlyArray<readonly [string, string, TPixelEncoding]> = [
  ['1.2.840.10008.1.2', 'Implicit VR Little Endian', 'native'],
  ['1.2.840.10008.1.2.1', 'Explicit VR Little Endian', 'native'],
  ['1.2.840.10008.1.2.1.99', 'Deflated Explicit VR Little Endian', 'native'],
  ['1.2.840.10008.1.2.2', 'Explicit VR Big Endian (retired)', 'native-big-endian'],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg-baseline'],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg-baseline'],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg-lossless'],
  [
    '1.2.840.10008.1.2.4.70',
    'JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])',
    'jpeg-lossless',
  ],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless Image Compression', 'jpeg-ls'],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Lossy (Near-Lossless) Image Compression', 'jpeg-ls'],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Image Compression (Lossless Only)', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000 Image Compression', 'jpeg-2000'],
  // Known, refused: named so that the message says what the file is.
  ['1.2.840.10008.1.2.4.52', 'JPEG Extended (Process 3 & 5) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.54', 'JPEG Spectral Selection, Non-Hierarchical (Process 7 & 9) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.56', 'JPEG Full Progression, Non-Hierarchical (Process 11 & 13) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.58', 'JPEG Lossless, Non-Hierarchical (Process 15) (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)', 'unsupported'],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component Image Compression', 'unsupported'],
  ['1.2.840.10008.1.2.4.94', 'JPIP Referenced', 'unsupported'],
  ['1.2.840.10008.1.2.4.95', 'JPIP Referenced Deflate', 'unsupported'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', 'unsupported'],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level', 'unsupported'],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1', 'unsupported'],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'unsupported'],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'unsupported'],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'unsupported'],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'unsupported'],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1', 'unsupported'],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1', 'unsupported'],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', 'unsupported'],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', 'unsupported'],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'unsupported'],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', 'unsupported'],
  [
    '1.2.840.10008.1.2.4.202',
    'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)',
    'unsupported',
  ],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression', 'unsupported'],
  ['1.2.840.10008.1.2.6.1', 'RFC 2557 MIME encapsulation (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.6.2', 'XML Encoding (retired)', 'unsupported'],
  ['1.2.840.10008.1.2.7.1', 'SMPTE ST 2110-20 Uncompressed Progressive Active Video', 'unsupported'],
  ['1.2.840.10008.1.2.7.2', 'SMPTE ST 2110-20 Uncompressed Interlaced Active Video', 'unsupported'],
  ['1.2.840.10008.1.2.7.3', 'SMPTE ST 2110-30 PCM Digital Audio', 'unsupported'],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', 'unsupported'],
];

export const TRANSFER_SYNTAXES: ReadonlyMap<string, TransferSyntax> = new Map(
  table.map(([uid, name, encoding]) => [uid, { uid, name, encoding, lossy: LOSSY.has(uid) }]),
);

export const SUPPORTED_TRANSFER_SYNTAX_UIDS: readonly string[] = table
  .filter(([, , encoding]) => encoding !== 'unsupported')
  .map(([uid]) => uid);

/**
 * The transfer syntax for a UID if Lightbox decodes it; otherwise UNSUPPORTED_IMAGE naming the UID and,
 * when known, its name.
 */
export function resolveTransferSyntax(
  uid: string,
): TransferSyntax & { readonly encoding: Exclude<TPixelEncoding, 'unsupported'> } {
  const known = TRANSFER_SYNTAXES.get(uid);
  if (known !== undefined && known.encoding !== 'unsupported') {
    return known as TransferSyntax & { readonly encoding: Exclude<TPixelEncoding, 'unsupported'> };
  }
  const name = known?.name ?? 'an unknown or private transfer syntax';
  throw new LightboxError(
    'UNSUPPORTED_IMAGE',
    `DICOM transfer syntax ${printableText(uid)} (${name}) is not supported. Supported: native little/big endian, deflated, ` +
      'RLE, JPEG baseline/extended 8-bit, JPEG lossless, JPEG-LS and JPEG 2000. Convert the file, e.g. with ' +
      '`gdcmconv --raw` or `dcmdjpeg`, and try again.',
    { details: { transferSyntaxUid: printableText(uid), transferSyntaxName: known?.name } },
  );
}
