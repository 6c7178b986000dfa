/**
 * The index a uniform variate `u` in [0, 1) picks from `probabilities`: the first i whose
 * running sum, scaled to the list's own total, exceeds u. Scaling by the total means a list
 * that sums to 1 within W&B's tolerance draws in the written proportions (W&B's ppf, with
 * no scaling, would give values[0] for u above a sum of 0.99999). A zero weight is never
 * picked. Monotone in u.
 */
export function weightedPick(probabilities: readonly number[], u: number): number {
  const total = probabilities.reduce((a, b) => a + b, 0);
  const target = u * total;
  let running = 0;
  let last = 0;
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i] <= 0) continue;
    running += probabilities[i];
    last = i;
    if (target < running) return i;
  }
  return last;
}
