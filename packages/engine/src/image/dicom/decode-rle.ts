import { LightboxError } from '@lightbox/contracts';

export interface RleFrameLayout {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  /** 8 or 16. */
  readonly bitsAllocated: number;
}

/**
 * Decodes one DICOM RLE Lossless frame (PS3.5 Annex G).
 * The frame starts with a 64-byte header: the number of segments (uint32 LE) and 15 segment offsets.
 * There is one segment per byte of each sample, most significant byte first, sample by sample;
 * each segment is PackBits-coded and expands to rows × columns bytes.
 * Returns the pixels as native pixel data would hold them: little-endian samples, colour-by-pixel
 * (planar configuration 0), rows × columns × samplesPerPixel × bitsAllocated/8 bytes.
 */
export function decodeRle(frame: Uint8Array, layout: RleFrameLayout): Uint8Array {
  const { rows, columns, samplesPerPixel, bitsAllocated } = layout;
  if (bitsAllocated !== 8 && bitsAllocated !== 16) {
    throw invalid(`BitsAllocated ${bitsAllocated} is not 8 or 16`);
  }
  const bytesPerSample = bitsAllocated / 8;
  const expectedSegments = samplesPerPixel * bytesPerSample;
  if (frame.length < 64) throw invalid(`the frame is ${frame.length} bytes, shorter than the 64-byte RLE header`);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  if (segmentCount !== expectedSegments) {
    throw invalid(
      `the header declares ${segmentCount} segments but ${samplesPerPixel} sample(s) of ${bitsAllocated} bits need ${expectedSegments}`,
    );
  }
  const offsets: number[] = [];
  for (let s = 0; s < segmentCount; s++) offsets.push(view.getUint32(4 + 4 * s, true));
  offsets.push(frame.length);
  for (let s = 0; s < segmentCount; s++) {
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    if (start < 64 || end > frame.length || start >= end) {
      throw invalid(`segment ${s + 1} has offset ${start}, outside the ${frame.length}-byte frame or out of order`);
    }
  }

  const pixelCount = rows * columns;
  const stride = samplesPerPixel * bytesPerSample;
  const out = new Uint8Array(pixelCount * stride);
  for (let s = 0; s < segmentCount; s++) {
    const sample = Math.floor(s / bytesPerSample);
    // Segment order is most significant byte first; native little endian puts it last.
    const byteInSample = bytesPerSample - 1 - (s % bytesPerSample);
    const written = unpackBits(
      frame,
      offsets[s]!,
      offsets[s + 1]!,
      out,
      sample * bytesPerSample + byteInSample,
      stride,
      pixelCount,
    );
    if (written < pixelCount) {
      throw invalid(
        `segment ${s + 1} expands to ${written} bytes, but the image needs ${pixelCount} (${rows}×${columns})`,
      );
    }
  }
  return out;
}

/**
 * PackBits: a header byte n in 0..127 copies the next n+1 bytes; n in -127..-1 repeats the next byte 1-n times;
 * -128 is a no-op. Writes at most `count` bytes to out[first + k * stride]; bytes beyond are padding and ignored.
 * Returns how many bytes were written.
 */
function unpackBits(
  src: Uint8Array,
  start: number,
  end: number,
  out: Uint8Array,
  first: number,
  stride: number,
  count: number,
): number {
  let k = 0;
  let i = start;
  while (i < end && k < count) {
    const header = src[i++]!;
    if (header < 128) {
      // A literal run cut short by the segment end keeps what is there; the caller checks the count.
      const n = Math.min(header + 1, end - i, count - k);
      for (let j = 0; j < n; j++) out[first + (k + j) * stride] = src[i + j]!;
      i += header + 1;
      k += n;
    } else if (header > 128) {
      if (i >= end) break;
      const value = src[i++]!;
      const n = Math.min(257 - header, count - k);
      for (let j = 0; j < n; j++) out[first + (k + j) * stride] = value;
      k += n;
    }
  }
  return k;
}

function invalid(problem: string): LightboxError {
  return new LightboxError('INVALID_IMAGE', `Corrupt DICOM RLE pixel data: ${problem}.`);
}
