import { readFileSync } from 'node:fs';
import { LightboxError } from '@lightbox/contracts';
import { encodeRgbPng } from '@lightbox/engine/render/encode-png';
import { afterAll, describe, expect, it } from 'vitest';
import { createCpuPool } from './cpu-pool';

const PNG = new Uint8Array(
  readFileSync(new URL('../../../../packages/engine/test/fixtures/images/png/gray-8.png', import.meta.url)),
);
/** A 2000 × 2000 noise PNG: decoding it takes tens of milliseconds, so a 1 ms deadline passes first whatever the
 * machine's load (the tiny PNG above can be answered by a warm child within a millisecond). */
const SLOW_PNG = (() => {
  const side = 2000;
  const pixels = new Uint8Array(side * side);
  let state = 1;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    pixels[i] = state >>> 23;
  }
  return encodeRgbPng(pixels, side, side, 1);
})();
const pool = createCpuPool({ size: 1 });
afterAll(() => pool.close());

const options = (timeoutMs: number) => ({
  timeoutMs,
  failure: (reason: 'timeout' | 'crash') => new LightboxError('INVALID_IMAGE', `failed: ${reason}`),
});

describe('the CPU pool', () => {
  it('runs tasks in a child process and passes LightboxErrors through with their code', async () => {
    const info = await pool.run('inspectImage', { bytes: PNG, maxPixels: 1e6 }, options(30_000));
    expect(info).toMatchObject({ format: 'png', channels: 1 });
    await expect(
      pool.run('inspectImage', { bytes: new Uint8Array([1, 2, 3]), maxPixels: 1e6 }, options(30_000)),
    ).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it('gives up on a task past its deadline, and replaces the child for the next one', async () => {
    await expect(pool.run('inspectImage', { bytes: SLOW_PNG, maxPixels: 1e7 }, options(1))).rejects.toThrow(
      'failed: timeout',
    );
    const [a, b] = await Promise.all([
      pool.run('inspectImage', { bytes: PNG, maxPixels: 1e6 }, options(30_000)),
      pool.run('renderImage', { bytes: PNG, maxPixels: 1e6 }, options(30_000)),
    ]);
    expect(a.format).toBe('png');
    expect(Buffer.from(b).subarray(1, 4).toString()).toBe('PNG');
  });
});
