import { createPrng } from '../core/prng.js';

/**
 * Shuffles the rows of a row-major table in place (data.shuffle): a Fisher-Yates
 * permutation drawn from `seed` alone, so the same seed and row count give the same order
 * on every machine. Each row moves whole (all of its columns together).
 */
export function shuffleRows(values: Float32Array, rows: number, cols: number, seed: number): void {
  const order = shuffledOrder(rows, seed);
  const copy = values.slice(0, rows * cols);
  for (let r = 0; r < rows; r++) values.set(copy.subarray(order[r] * cols, (order[r] + 1) * cols), r * cols);
}

/** The permutation shuffleRows applies: row r of the result is row order[r] of the input. */
export function shuffledOrder(rows: number, seed: number): Int32Array {
  const rng = createPrng(seed);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
