import { randomValues } from './check-vjp';

/**
 * n distinct values spaced `gap` apart, in a seeded random order: finite differences with perturbations
 * smaller than gap/2 never reorder them, so max-like ops stay on one linear piece.
 */
export function distinctValues(n: number, seed: number, gap = 0.01): Float32Array {
  const keys = randomValues(n, seed);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]!);
  const out = new Float32Array(n);
  order.forEach((idx, rank) => {
    out[idx] = (rank - n / 2) * gap;
  });
  return out;
}
