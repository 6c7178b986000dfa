/**
 * Mean, sample standard deviation (n - 1; null when n < 2), min and max of a list of
 * numbers, and the robust trio: median and quartiles (linear interpolation between order
 * statistics, numpy's and R's default "type 7"), which one blown-up trial cannot move far.
 */
export interface SummaryStats {
  n: number;
  mean: number;
  std: number | null;
  min: number;
  max: number;
  median: number;
  q1: number;
  q3: number;
}

/** Null for an empty list. Pure. */
export function summaryStats(values: readonly number[]): SummaryStats | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  return {
    n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
    min: sorted[0],
    max: sorted[n - 1],
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
  };
}

/** The p-quantile of ascending `sorted` (non-empty), type 7: h = (n - 1) p, interpolated. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
