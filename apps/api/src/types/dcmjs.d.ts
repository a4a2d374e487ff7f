/** The small part of dcmjs (no bundled types) that Lightbox uses to rewrite DICOM files. */
declare module 'dcmjs' {
  export type TDicomElement = { vr: string; Value?: unknown[]; _rawValue?: unknown };
  export type TDicomDataset = Record<string, TDicomElement>;
  export class DicomDict {
    constructor(meta: TDicomDataset);
    meta: TDicomDataset;
    dict: TDicomDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }
  export class ReadBufferStream {
    constructor(buffer: ArrayBuffer, littleEndian?: boolean | null, options?: { noCopy?: boolean });
  }
  export const data: {
    DicomDict: typeof DicomDict;
    ReadBufferStream: typeof ReadBufferStream;
    DicomMessage: {
      readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean; untilTag?: string | null }): DicomDict;
      _read(
        stream: ReadBufferStream,
        syntax: string,
        options?: { ignoreErrors?: boolean; untilTag?: string | null },
      ): TDicomDataset;
    };
  };
  export const log: { setLevel(level: string): void; level?: unknown };
  const dcmjs: { data: typeof data; log: typeof log };
  export default dcmjs;
}
