import { describe, expect, it } from 'vitest';
import { createWasmCodec, describeError, type WasmDecoder } from './load-wasm-codec';

interface JpegModule {
  JPEGDecoder: new () => WasmDecoder;
}
interface J2kModule {
  J2KDecoder: new () => WasmDecoder;
}
/** WebAssembly.RuntimeError, which @types/node does not declare. */
const RuntimeError = (globalThis as unknown as { WebAssembly: { RuntimeError: ErrorConstructor } }).WebAssembly
  .RuntimeError;

describe('createWasmCodec', () => {
  it('loads the module once, lazily, and reuses it', async () => {
    const codec = createWasmCodec<JpegModule>('test libjpeg', '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
    const first = await codec.run('a test', (module) => module);
    const second = await codec.run('a test', (module) => module);
    expect(second).toBe(first);
    expect(typeof first.JPEGDecoder).toBe('function');
  });

  it('turns a C++ exception (a number) into INVALID_IMAGE and keeps the instance', async () => {
    const codec = createWasmCodec<JpegModule>('test libjpeg', '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
    const before = await codec.run('a test', (module) => module);
    await expect(
      codec.run('a garbage frame', (module) => {
        const decoder = new module.JPEGDecoder();
        try {
          decoder.getEncodedBuffer(4).set([1, 2, 3, 4]);
          decoder.decode();
        } finally {
          decoder.delete();
        }
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      message: expect.stringContaining('test libjpeg decoder could not decode a garbage frame'),
    });
    expect(await codec.run('a test', (module) => module)).toBe(before);
  });

  it('discards the instance after a WebAssembly abort and loads a working one', async () => {
    const codec = createWasmCodec<JpegModule>('test libjpeg', '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
    const before = await codec.run('a test', (module) => module);
    await expect(
      codec.run('a frame', () => {
        throw new RuntimeError('Aborted(OOM)');
      }),
    ).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    const after = await codec.run('a test', (module) => module);
    expect(after).not.toBe(before);
    const decoder = new after.JPEGDecoder();
    expect(decoder.getEncodedBuffer(16).length).toBe(16);
    decoder.delete();
  });

  it('captures what the codec prints on stderr instead of printing it', async () => {
    const codec = createWasmCodec<J2kModule>('test openjpeg', '@cornerstonejs/codec-openjpeg/wasmjs');
    const printed = await codec.run('garbage', (module, messages) => {
      const decoder = new module.J2KDecoder();
      try {
        decoder.getEncodedBuffer(8).set([0xff, 0x4f, 0xff, 0x51, 0, 1, 2, 3]);
        decoder.decode();
      } finally {
        decoder.delete();
      }
      return [...messages];
    });
    expect(printed.some((line) => line.includes('[ERROR]'))).toBe(true);
  });

  it('never lets a codec change process.exitCode', async () => {
    const codec = createWasmCodec<JpegModule>('test libjpeg', '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs');
    const exitCode = process.exitCode;
    await expect(
      codec.run('a frame', () => {
        process.exitCode = 7;
        throw 1234;
      }),
    ).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    expect(process.exitCode).toBe(exitCode);
  });

  it('describes anything thrown', () => {
    expect(describeError(new Error('x'))).toBe('x');
    expect(describeError(5)).toBe('native exception 5');
    expect(describeError('text')).toBe('text');
  });
});
