import { UsageError } from '../errors.js';
import { formatParamValue } from '../config/format-param.js';
import type { ParamValue } from '../config/types.js';
import type { TrialRecord } from '../storage/store.js';
import { finalMetric, flagNotes, flagsOf, rankTrials, type Goal } from './rank.js';
import { summaryStats, type SummaryStats } from './summary-stats.js';

/** Trials that share the values of the grouping parameters. */
export interface TrialGroup {
  /** The grouping parameters' values, in `by` order. */
  values: ParamValue[];
  /** Members that have the metric (completed or pruned), best first. */
  ranked: TrialRecord[];
  /** Of the ranked members' metric; null when none has it. */
  stats: SummaryStats | null;
  /** Members flagged (loss_at_variance, majority_class: rank.ts FLAG_NOTES). */
  flagged: number;
  /** The notes of the flags its members carry. */
  flagNotes: string[];
  /** Members stopped by early termination (ranked with the metric at their rung). */
  pruned: number;
  /** Members without the metric (failed, diverged, timeout, unfinished). */
  unranked: number;
}

/**
 * Groups trials by the named parameters and ranks the groups by the median of the metric
 * over their members: with `--by normalization` each group pools every other parameter
 * and every seed, so median and IQR say how the choice does across the rest of the grid.
 * The median, not the mean, so one blown-up member (val_r2 -1e9 after an exploding run)
 * cannot reorder the groups; equal medians fall back to the mean, then to the order of
 * the groups' first trials. Groups without a ranked member come last.
 * An unknown parameter is a UsageError listing the known ones. Pure.
 */
export function groupTrials(trials: readonly TrialRecord[], by: readonly string[], metric: string, goal: Goal): TrialGroup[] {
  const known = new Set(trials.flatMap((t) => Object.keys(t.params)));
  const unknown = by.filter((p) => !known.has(p));
  if (by.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--by: unknown parameter ${unknown.map((p) => `'${p}'`).join(', ') || '(none given)'}; the sweep's parameters are: ${[...known].sort().join(', ')}`,
      'E_BY_PARAM',
    );
  }
  const groups = new Map<string, { values: ParamValue[]; members: TrialRecord[] }>();
  for (const t of [...trials].sort((a, b) => a.idx - b.idx)) {
    const values = by.map((p) => t.params[p] ?? null);
    const key = values.map(formatParamValue).join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values, members: [] }));
    g.members.push(t);
  }
  const out: TrialGroup[] = [...groups.values()].map(({ values, members }) => {
    const ranked = rankTrials(members, metric, goal);
    return {
      values,
      ranked,
      stats: summaryStats(ranked.map((t) => finalMetric(t, metric)!)),
      flagged: members.filter((t) => flagsOf(t).length > 0).length,
      flagNotes: flagNotes(members),
      pruned: members.filter((t) => t.status === 'pruned').length,
      unranked: members.length - ranked.length,
    };
  });
  const sign = goal === 'maximize' ? -1 : 1;
  // Array.prototype.sort is stable, so full ties keep first-trial order.
  return out.sort((a, b) => {
    if (!a.stats || !b.stats) return (a.stats ? 0 : 1) - (b.stats ? 0 : 1);
    return sign * (a.stats.median - b.stats.median) || sign * (a.stats.mean - b.stats.mean);
  });
}
