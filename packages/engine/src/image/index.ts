export {
  applyVoiWindow,
  isValidVoiWindow,
  parseVoiLutFunction,
  type TVoiLutFunction,
  type VoiWindow,
} from './apply-voi-window';
export { checkImageDimensions } from './check-image-dimensions';
export { decodeImage } from './decode-image';
export { decodeJpeg } from './decode-jpeg';
export { decodePng, type PngHeader, readPngHeader } from './decode-png';
export { DEFAULT_MAX_PIXELS, type DecodedImage, type DecodedImageInfo, type DecodeOptions } from './decoded-image';
export { decodeDicom } from './dicom/decode-dicom';
export { type DicomFrame, decodeDicomFrame } from './dicom/decode-dicom-frame';
export { type ParsedDicom, parseDicom } from './dicom/parse-dicom';
export { type PixelModule, readPixelModule, type TPhotometricInterpretation } from './dicom/read-pixel-module';
export {
  resolveTransferSyntax,
  SUPPORTED_TRANSFER_SYNTAX_UIDS,
  TRANSFER_SYNTAXES,
  type TransferSyntax,
} from './dicom/transfer-syntaxes';
export { sniffImageFormat, type TImageFormat } from './sniff-image-format';
