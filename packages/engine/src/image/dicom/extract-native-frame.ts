import { LightboxError } from '@lightbox/contracts';
import type { DataSet } from 'dicom-parser';
import type { PixelModule } from './read-pixel-module';

/** Bytes one native frame takes (PS3.5 8.1.1); YBR_FULL_422 keeps two samples per pixel (Y Y Cb Cr per pair). */
export function nativeFrameLength(module: PixelModule): number {
  const samplesPerPixel = module.photometricInterpretation === 'YBR_FULL_422' ? 2 : module.samplesPerPixel;
  return module.rows * module.columns * samplesPerPixel * (module.bitsAllocated / 8);
}

/**
 * Returns the first frame of native (uncompressed) Pixel Data, a view into the file. The element must lie
 * within the file and hold all the frames the header declares; otherwise INVALID_IMAGE saying how many bytes
 * are there and how many are needed.
 */
export function extractNativeFrame(dataSet: DataSet, module: PixelModule): Uint8Array {
  const element = dataSet.elements.x7fe00010!;
  if (element.encapsulatedPixelData || element.hadUndefinedLength) {
    throw new LightboxError(
      'INVALID_IMAGE',
      'The DICOM Pixel Data is encapsulated (compressed fragments) although the transfer syntax is uncompressed.',
    );
  }
  const available = Math.max(0, Math.min(element.length, dataSet.byteArray.length - element.dataOffset));
  const frameLength = nativeFrameLength(module);
  const needed = frameLength * module.numberOfFrames;
  if (available < needed) {
    const truncated = element.dataOffset + element.length > dataSet.byteArray.length;
    const layout =
      `${module.rows}×${module.columns} pixels × ${module.samplesPerPixel} sample(s) × ${module.bitsAllocated / 8} byte(s)` +
      (module.numberOfFrames > 1 ? ` × ${module.numberOfFrames} frames` : '');
    throw new LightboxError(
      'INVALID_IMAGE',
      truncated
        ? `The DICOM file is truncated: its Pixel Data needs ${needed} bytes (${layout}) but the file ends after ${available}.`
        : `The DICOM Pixel Data holds ${available} bytes but ${layout} need ${needed}.`,
      { details: { available, needed } },
    );
  }
  return dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + frameLength);
}
