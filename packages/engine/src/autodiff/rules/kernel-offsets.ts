/**
 * Every multi-index of a box [0, n₀) × [0, n₁) × …, in row-major order: a kernel's offsets (the order a pooling
 * kernel scans its window), an output grid's positions, a block's phases.
 */
export function kernelOffsets(sizes: readonly number[]): number[][] {
  let offsets: number[][] = [[]];
  for (const k of sizes) offsets = offsets.flatMap((o) => Array.from({ length: k }, (_, j) => [...o, j]));
  return offsets;
}
