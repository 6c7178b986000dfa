/** Mean, sample standard deviation (n - 1; null when n < 2), min and max of a list of numbers. */
export interface SummaryStats {
  n: number;
  mean: number;
  std: number | null;
  min: number;
  max: number;
}

/** Null for an empty list. Pure. */
export function summaryStats(values: readonly number[]): SummaryStats | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n, mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : null, min, max };
}
