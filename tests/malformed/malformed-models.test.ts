import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '@lightbox/engine';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, REPO_ROOT, runCli } from '../cli/run-cli';

interface Entry {
  model: string;
  card?: string;
  expectCode: string;
  why: string;
}
const dir = join(REPO_ROOT, 'tests/malformed/models');
const entries = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Entry[];
const image = join(REPO_ROOT, 'tests/malformed/models/probe.png');

describe('malformed models and cards', () => {
  it.each(entries)('$model + $card ($why) is refused with $expectCode', async (e) => {
    const bytes = readFileSync(join(dir, e.model));
    let card: unknown;
    try {
      card = e.card ? JSON.parse(readFileSync(join(dir, e.card), 'utf8')) : undefined;
    } catch {
      // a card that is not JSON is refused by the CLI below (the engine only sees parsed cards)
      card = Symbol('unparsable');
    }
    if (typeof card !== 'symbol') {
      await expect(Classifier.load(new Uint8Array(bytes), { card })).rejects.toMatchObject({
        code: e.expectCode,
        message: expect.any(String),
      });
    }
    // runCli's 30 s limit is the hang guard: a refusal must come, but how fast is for benchmarks, not tests.
    const r = await runCli(
      ['predict', '--model', join(dir, e.model), ...(e.card ? ['--card', join(dir, e.card)] : []), image],
      30_000,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: .{10,}/m);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('names the card field at fault', async () => {
    const r = await runCli([
      'predict',
      '--model',
      join(dir, 'tiny.onnx'),
      '--card',
      join(dir, 'card-wrong-size.json'),
      image,
    ]);
    expect(r.stderr).toMatch(/input\.height.*224.*8/);
  });
});
