import type { EarlyTerminateSpec } from '../config/types.js';

/**
 * The rung epochs of successive halving, W&B's meaning of the keys: rungs at
 * `min_iter * eta^k` below `max_iter`; with only `max_iter`, at `max_iter / eta^k` for
 * k = s..1 (s defaults to 3); `s` with `min_iter` caps the number of rungs. `maxEpochs`
 * (the sweep's largest `epochs`) stands in for a missing `max_iter`. Pure.
 */
export function rungEpochs(et: EarlyTerminateSpec, maxEpochs: number): number[] {
  const eta = et.eta;
  const maxIter = et.max_iter ?? maxEpochs;
  const rungs: number[] = [];
  if (et.min_iter !== undefined) {
    for (let r = et.min_iter; r < maxIter; r *= eta) {
      rungs.push(Math.round(r));
      if (et.s !== undefined && rungs.length >= et.s) break;
    }
  } else {
    const s = et.s ?? 3;
    for (let k = s; k >= 1; k--) {
      const r = Math.floor(maxIter / eta ** k);
      if (r >= 1 && !rungs.includes(r)) rungs.push(r);
    }
  }
  return rungs;
}
