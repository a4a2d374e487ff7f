import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LightboxError } from '@lightbox/contracts';
import { decodeImage } from '@lightbox/engine/image/index';
import { describe, expect, it } from 'vitest';

interface MalformedCase {
  readonly file: string;
  readonly expectCode: 'INVALID_IMAGE' | 'UNSUPPORTED_IMAGE' | 'IMAGE_TOO_LARGE';
  readonly why: string;
}

const folder = join(dirname(fileURLToPath(import.meta.url)), 'images');
const cases = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as MalformedCase[];

describe('decodeImage refuses every file of the malformed corpus with a LightboxError', () => {
  it('has a corpus of at least 14 files, all listed', () => {
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases.map((entry) => [entry.file, entry] as const))('%s', async (file, entry) => {
    const bytes = new Uint8Array(readFileSync(join(folder, file)));
    const started = performance.now();
    let caught: unknown;
    try {
      await decodeImage(bytes);
    } catch (error) {
      caught = error;
    }
    const elapsed = performance.now() - started;
    expect(caught, `${file} (${entry.why}) decoded without an error`).toBeInstanceOf(LightboxError);
    const error = caught as LightboxError;
    expect(error.code, `${file}: ${error.message}`).toBe(entry.expectCode);
    expect(error.message.trim().length).toBeGreaterThan(20);
    // A hang guard (a pathological loop or a decompression bomb), not a speed goal: generous, as CI shares 2 cores.
    expect(elapsed).toBeLessThan(15_000);
  });
});
