/**
 * An image after decoding, before any resizing or normalisation: what `lightbox decode` writes.
 * Intensities are float32 in [0, 1], row-major, channels interleaved (HWC).
 * DICOM pixels are already through the modality LUT (rescale), the VOI window and MONOCHROME1 inversion.
 */
export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 for grayscale, 3 for RGB (alpha is dropped). */
  readonly channels: 1 | 3;
  /** length = width * height * channels, HWC, each value in [0, 1]. */
  readonly data: Float32Array;
  readonly info: DecodedImageInfo;
}

export interface DecodedImageInfo {
  readonly format: 'png' | 'jpeg' | 'dicom';
  /** Bits per sample as stored (8, 12, 16…). */
  readonly bitsStored: number;
  /** DICOM only. */
  readonly dicom?: {
    readonly transferSyntaxUid: string;
    readonly photometricInterpretation: string;
    readonly rescaleSlope: number;
    readonly rescaleIntercept: number;
    /** The window actually applied, and where it came from. */
    readonly window: {
      readonly center: number;
      readonly width: number;
      readonly source: 'override' | 'file' | 'voi-lut' | 'default';
    };
    /** LINEAR, LINEAR_EXACT, SIGMOID; LUT for a VOI LUT Sequence; NONE for colour without a window. */
    readonly voiLutFunction: string;
    readonly hadPart10Header: boolean;
    /** Number of Frames in the file; only the first is decoded. */
    readonly numberOfFrames: number;
    /** How stored values became modality values: rescale slope/intercept, a Modality LUT Sequence, or none (colour). */
    readonly modalityLut: 'rescale' | 'sequence' | 'none';
  };
}

export interface DecodeOptions {
  /** Refuse images with more pixels than this (decompression bombs). Default 50 million. */
  readonly maxPixels?: number;
  /** Overrides any window in the file. Units are stored values after the modality LUT (DICOM), or 0–255 / 0–65535 for 8- / 16-bit PNG and JPEG. */
  readonly window?: { readonly center: number; readonly width: number };
}

export const DEFAULT_MAX_PIXELS = 50_000_000;
