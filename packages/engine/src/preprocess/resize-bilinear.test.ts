import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resizeBilinear } from './resize-bilinear';

interface Case {
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  out: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/resize/torch-antialias-bilinear.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

describe('resizeBilinear', () => {
  it.each(fixture.cases)('matches torch antialiased bilinear for $inH×$inW → $outH×$outW', (c) => {
    const src = Float32Array.from({ length: c.inH * c.inW }, (_, i) => Math.sin(i * 0.731) * 0.5 + 0.5);
    const out = resizeBilinear(src, 1, c.inH, c.inW, c.outH, c.outW);
    expect(out.length).toBe(c.out.length);
    let maxErr = 0;
    for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i]! - c.out[i]!));
    // torch computes in float32; we accumulate in float64: differences are rounding only.
    expect(maxErr).toBeLessThan(2e-6);
  });

  it('keeps a constant image constant and returns a copy when the size matches', () => {
    const src = new Float32Array(2 * 6 * 4).fill(0.25);
    const out = resizeBilinear(src, 2, 6, 4, 3, 7);
    expect(out.every((v) => Math.abs(v - 0.25) < 1e-7)).toBe(true);
    const same = resizeBilinear(src, 2, 6, 4, 6, 4);
    expect(same).not.toBe(src);
    expect(Array.from(same)).toEqual(Array.from(src));
  });

  it('names the mismatch when the buffer has the wrong length', () => {
    expect(() => resizeBilinear(new Float32Array(5), 1, 2, 3, 1, 1)).toThrow(/expected 1×2×3/);
  });
});
