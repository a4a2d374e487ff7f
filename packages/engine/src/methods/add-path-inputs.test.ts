import { describe, expect, it } from 'vitest';
import { tinyInput, tinySessions } from '../../test/tiny-sessions';

describe('addPathInputs (path-integral gradient sessions)', () => {
  it('returns Σ_k w_k ∇f(start + α_k·delta), equal to the sum of plain gradient runs, across batches', async () => {
    const sessions = await tinySessions();
    const start = tinyInput(3);
    const end = tinyInput(7);
    const delta = end.map((v, i) => v - start[i]!);
    // 20 points: more than one batch of 16.
    const alphas = Array.from({ length: 20 }, (_, k) => (k + 0.5) / 20);
    const weights = alphas.map((a) => 0.02 + a / 10);
    const seed = Float32Array.from([0.3, -1, 2]);
    const path = await sessions.get({ inputGradients: true, path: true });
    const progress: number[] = [];
    const got = await path.integratePath(start, delta, alphas, weights, seed, undefined, (f) => progress.push(f));
    const plain = await sessions.get({ inputGradients: true });
    const points = alphas.map((a) => start.map((v, i) => v + a * delta[i]!));
    const run = await plain.run(
      points,
      points.map(() => seed),
    );
    const want = new Float64Array(start.length);
    run.inputGradients!.forEach((g, k) => {
      g.forEach((v, i) => {
        want[i]! += weights[k]! * v;
      });
    });
    const scale = Math.max(...want.map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    got.forEach((v, i) => {
      expect(Math.abs(v - want[i]!)).toBeLessThan(1e-5 * scale);
    });
    expect(progress).toEqual([0.8, 1]);
    await expect(plain.integratePath(start, delta, alphas, weights, seed)).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    await sessions.dispose();
  });
});
