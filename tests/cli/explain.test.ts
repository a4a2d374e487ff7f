import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeNpy } from '@lightbox/engine';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const model = ['--model', 'models/demo-tiny-cnn/model.onnx', '--card', 'models/demo-tiny-cnn/card.json'];

describe('lightbox explain', () => {
  it('integrated gradients with a completeness target: JSON metadata and the raw [C, H, W] map', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lbx-explain-'));
    const raw = join(dir, 'ig.npy');
    const r = await runCli([
      'explain',
      ...model,
      '--method',
      'integrated-gradients',
      '--steps',
      '16',
      '--max-gap',
      '0.001',
      '--max-steps',
      '256',
      '--raw',
      raw,
      '--json',
      'samples/case-02-nodule.png',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      method: 'integrated-gradients',
      parameters: { steps: 16, integration: 'gauss-legendre', baseline: 'zero', maxGap: 0.001, maxSteps: 256 },
    });
    expect(out.completenessGapRelative).toBeLessThan(0.001);
    expect(out.extras.stepsUsed).toBeGreaterThanOrEqual(16);
    expect(out.extras.stepsUsed).toBeLessThanOrEqual(256);
    expect(out.timings).toMatchObject({ loadMs: expect.any(Number), computeMs: expect.any(Number) });
    const npy = decodeNpy(new Uint8Array(readFileSync(raw)));
    expect(npy.shape).toEqual([1, 64, 64]);
  });

  it('refuses a completeness target outside (0, 1) with a usage error', async () => {
    const r = await runCli([
      'explain',
      ...model,
      '--method',
      'integrated-gradients',
      '--max-gap',
      '2',
      'samples/case-02-nodule.png',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/maxGap: Too big/);
  });
});
