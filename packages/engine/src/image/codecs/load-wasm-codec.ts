import { createRequire } from 'node:module';
import { LightboxError } from '@lightbox/contracts';

const require = createRequire(import.meta.url);

/** What the cornerstone WebAssembly decoders (embind classes) have in common. */
export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  delete(): void;
}

interface EmscriptenOptions {
  print(text: string): void;
  printErr(text: string): void;
}

export interface WasmCodec<TModule> {
  /** Human name for messages, e.g. 'OpenJPEG (JPEG 2000)'. */
  readonly name: string;
  /**
   * Runs `use` on the (lazily loaded, cached) module. Any failure that is not already a LightboxError becomes
   * INVALID_IMAGE naming the codec and what it printed; after an abort (WebAssembly.RuntimeError)
   * the cached instance is discarded, because it may be left in a broken state.
   * `printed` collects what the codec prints during this run (OpenJPEG reports errors only there).
   */
  run<T>(what: string, use: (module: TModule, printed: readonly string[]) => T): Promise<T>;
}

/**
 * A codec loaded once, on first use, from `<package>/wasmjs` (an Emscripten factory).
 * Its console output is captured instead of printed, and reported in error messages.
 */
export function createWasmCodec<TModule>(name: string, entry: string): WasmCodec<TModule> {
  let loading: Promise<TModule> | undefined;
  let messages: string[] = [];
  const capture = (text: string): void => {
    if (messages.length < 20) messages.push(text);
  };

  function discard(): void {
    loading = undefined;
  }

  async function load(): Promise<TModule> {
    loading ??= (async () => {
      const factory = require(entry) as (options: EmscriptenOptions) => Promise<TModule>;
      // A fresh options object each time: Emscripten turns it into the module and embind registers on it.
      return factory({ print: capture, printErr: capture });
    })();
    try {
      return await loading;
    } catch (error) {
      discard();
      throw new LightboxError('INTERNAL', `Could not load the ${name} decoder (${entry}): ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  return {
    name,
    async run<T>(what: string, use: (module: TModule, printed: readonly string[]) => T): Promise<T> {
      const module = await load();
      messages = [];
      // An Emscripten exit() inside a codec would set process.exitCode; never let a decoder change it.
      const exitCode = process.exitCode;
      try {
        return use(module, messages);
      } catch (error) {
        if (error instanceof LightboxError) throw error;
        // An abort or a memory fault (WebAssembly.RuntimeError) can leave the instance unusable; a C++
        // exception (thrown as a number) unwinds cleanly and the instance stays good.
        if (error instanceof Error && error.name === 'RuntimeError') discard();
        const printed = messages.length > 0 ? ` (decoder said: ${messages.join(' | ')})` : '';
        throw new LightboxError(
          'INVALID_IMAGE',
          `The ${name} decoder could not decode ${what}: the data is corrupt or truncated${printed}.`,
          { cause: error, details: { codec: name, codecMessages: messages } },
        );
      } finally {
        process.exitCode = exitCode;
      }
    },
  };
}

/** A readable text for anything thrown, including the numbers (C++ exception pointers) embind throws. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'number') return `native exception ${error}`;
  return String(error);
}
