import type { TrialRecord } from '../storage/store.js';
import type { TrialGroup } from './group-trials.js';
import { paramCell, paramColumn } from './param-cell.js';
import { finalMetric } from './rank.js';
import type { RowSet } from './row-output.js';

/** Ranked trials as flat rows (csv, json): rank, trial, status, rung, parameters, metrics. */
export function rankedTrialRows(
  ranked: readonly TrialRecord[], params: readonly string[], metrics: readonly string[], columns: ReadonlyMap<string, string>,
): RowSet {
  return {
    columns: [
      'rank', 'trial_id', 'status', 'rung', ...params.map((p) => paramColumn(columns, p)), ...metrics, 'epochs_done', 'warnings',
    ],
    rows: ranked.map((t, i) => [
      i + 1, t.id, t.status, t.rung, ...params.map((p) => paramCell(t.params[p])),
      ...metrics.map((m) => finalMetric(t, m)), t.epochs_done, t.warnings.join(','),
    ]),
  };
}

/** Ranked groups as flat rows (csv, json): the grouping values, median, quartiles, mean, std, n and the best member. */
export function groupRows(
  groups: readonly TrialGroup[], by: readonly string[], metric: string, columns: ReadonlyMap<string, string>,
): RowSet {
  return {
    columns: [
      'rank', ...by.map((p) => paramColumn(columns, p)), `${metric}_median`, `${metric}_q1`, `${metric}_q3`, `${metric}_mean`, `${metric}_std`, 'n', `${metric}_best`,
      'best_trial', 'flagged', 'pruned', 'not_ranked',
    ],
    rows: groups.map((g, i) => [
      i + 1, ...g.values.map(paramCell), g.stats?.median ?? null, g.stats?.q1 ?? null, g.stats?.q3 ?? null, g.stats?.mean ?? null, g.stats?.std ?? null, g.stats?.n ?? 0,
      g.ranked[0] ? finalMetric(g.ranked[0], metric) : null, g.ranked[0]?.id ?? null, g.flagged, g.pruned, g.unranked,
    ]),
  };
}
