import { formatParamValue } from '../config/format-param.js';
import type { TrialRecord } from '../storage/store.js';

/**
 * The parameters that take more than one value among the trials, sorted: what a table
 * shows beside each trial. A parameter that is the same everywhere is part of the setup,
 * not of the comparison. Pure.
 */
export function sweptParams(trials: readonly TrialRecord[]): string[] {
  const seen = new Map<string, Set<string>>();
  for (const t of trials) {
    for (const [k, v] of Object.entries(t.params)) {
      let values = seen.get(k);
      if (!values) seen.set(k, (values = new Set()));
      values.add(formatParamValue(v));
    }
  }
  return [...seen.entries()].filter(([, v]) => v.size > 1).map(([k]) => k).sort();
}

/** The parameter that numbers repeats of one configuration. */
export const SEED_PARAM = 'seed';
