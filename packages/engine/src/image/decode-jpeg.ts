import { applyVoiWindow, checkVoiWindow } from './apply-voi-window';
import { decodeJpegBaseline } from './codecs/decode-jpeg-baseline';
import type { DecodedImage, DecodeOptions } from './decoded-image';

/**
 * Decodes a JPEG file (baseline or progressive, 8-bit, gray or colour) to intensities in [0, 1]:
 * gray stays 1 channel, colour is RGB. Samples are divided by 255, or windowed with `options.window`
 * in 0–255 units. The frame header is checked against maxPixels before decoding.
 */
export async function decodeJpeg(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  if (options.window !== undefined) checkVoiWindow(options.window, 'LINEAR');
  const decoded = await decodeJpegBaseline(bytes, {
    what: 'JPEG image',
    ...(options.maxPixels === undefined ? {} : { maxPixels: options.maxPixels }),
  });
  const { samples, width, height } = decoded;
  const data = new Float32Array(samples.length);
  const window = options.window;
  for (let i = 0; i < samples.length; i++) {
    data[i] = window ? applyVoiWindow(samples[i]!, window, 'LINEAR') : samples[i]! / 255;
  }
  return { width, height, channels: decoded.components === 3 ? 3 : 1, data, info: { format: 'jpeg', bitsStored: 8 } };
}
