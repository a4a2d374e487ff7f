import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli';
import { demoModelFiles, referenceScores, SAMPLES_DIR, sampleCases } from './demo-fixtures';

const reference = referenceScores();
const samples = sampleCases();

describe('npx lightbox predict on the sample cases matches PyTorch', () => {
  it.each(demoModelFiles())('$name: every sample within 1e-4 of the stored PyTorch scores', async (m) => {
    const files = samples.map((s) => join(SAMPLES_DIR, s.file));
    const r = await runCli(['predict', '--model', m.modelPath, '--card', m.cardPath, ...files], 120_000);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(samples.length);
    const ref = reference[m.name]!;
    expect(ref, `no reference scores for ${m.name}`).toBeDefined();
    let worst = 0;
    rows.forEach((row, i) => {
      const want = ref[samples[i]!.file];
      expect(want, `no reference for ${samples[i]!.file}`).toBeDefined();
      expect(row.labels).toEqual(m.card.labels);
      row.scores.forEach((s: number, k: number) => {
        worst = Math.max(worst, Math.abs(s - want!.scores[k]!));
      });
      row.logits.forEach((l: number, k: number) => {
        expect(Math.abs(l - want!.logits[k]!)).toBeLessThan(1e-3 * Math.max(1, Math.abs(want!.logits[k]!)));
      });
    });
    expect(worst).toBeLessThan(1e-4);
  });
});
