import { createPrng } from '../core/prng.js';

/**
 * Shuffles the rows of a row-major table in place (data.shuffle): a Fisher-Yates
 * permutation drawn from `seed` alone, so the same seed and row count give the same order
 * on every machine. Each row moves whole (all of its columns together).
 */
export function shuffleRows(values: Float32Array, rows: number, cols: number, seed: number): void {
  const rng = createPrng(seed);
  const tmp = new Float32Array(cols);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    if (j === i) continue;
    const a = i * cols;
    const b = j * cols;
    tmp.set(values.subarray(a, a + cols));
    values.copyWithin(a, b, b + cols);
    values.set(tmp, b);
  }
}
