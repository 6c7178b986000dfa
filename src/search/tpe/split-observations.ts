import type { Goal } from './tpe-options.js';
import type { Observation } from './observation.js';

/**
 * The order TPE ranks observations in, best first (Optuna ranks by (-step, value) the same
 * way, completed trials counting as infinitely deep):
 *   1. completed trials, by value;
 *   2. pruned trials, deeper rung first, then by value at that rung;
 *   3. failed trials (value null or not finite), last.
 * "By value" follows the goal; ties keep trial order. A pruned trial's value is only
 * compared with values of the same rung, so values need not be comparable across rungs.
 */
export function rankObservations(observations: readonly Observation[], goal: Goal): number[] {
  const sign = goal === 'maximize' ? -1 : 1;
  const keyOf = (o: Observation): [number, number, number] => {
    if (o.value === null || !Number.isFinite(o.value)) return [2, 0, 0];
    if (o.step === undefined) return [0, 0, sign * o.value];
    return [1, Number.isFinite(o.step) ? -o.step : 0, sign * o.value];
  };
  const keys = observations.map(keyOf);
  return observations
    .map((_, i) => i)
    .sort((i, j) => keys[i][0] - keys[j][0] || keys[i][1] - keys[j][1] || keys[i][2] - keys[j][2] || i - j);
}

/** Indices of the good ("below", l(x)) and bad ("above", g(x)) observations, each in trial order. */
export interface ObservationSplit {
  below: number[];
  above: number[];
}

/**
 * Splits by rank: the first `nBelow` ranked observations are good, except that a failed
 * trial is never good (the good set is then smaller); every other observation is bad.
 */
export function splitObservations(observations: readonly Observation[], goal: Goal, nBelow: number): ObservationSplit {
  const ranked = rankObservations(observations, goal);
  const failed = (i: number) => observations[i].value === null || !Number.isFinite(observations[i].value);
  const good = new Set(ranked.slice(0, Math.max(0, nBelow)).filter((i) => !failed(i)));
  const below: number[] = [];
  const above: number[] = [];
  observations.forEach((_, i) => (good.has(i) ? below : above).push(i));
  return { below, above };
}
