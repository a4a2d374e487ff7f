/** The samples a codec returns for one compressed frame, before any DICOM interpretation. */
export interface DecodedCodestream {
  readonly width: number;
  readonly height: number;
  /** 1 for gray, 3 for colour (already converted to RGB where the codec does so). */
  readonly components: number;
  /** Bits per sample in the codestream (8, 12, 16…). */
  readonly precision: number;
  /** Pixel-interleaved samples; values of signed codestreams are two's complement in the container. */
  readonly samples: Uint8Array | Uint16Array;
}

/** Copies bytes out of WebAssembly memory into an array of the right sample width. */
export function copySamples(bytes: Uint8Array, precision: number): Uint8Array | Uint16Array {
  const copy = new Uint8Array(bytes);
  return precision > 8 ? new Uint16Array(copy.buffer, 0, copy.length >> 1) : copy;
}
