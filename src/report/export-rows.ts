import { metricColumnsFor } from '../core/metric-registry.js';
import type { TrialRecord } from '../storage/store.js';
import type { EpochMetrics } from '../core/metrics.js';
import { paramCell, paramColumn } from './param-cell.js';
import { finalMetric } from './rank.js';
import type { Cell, RowSet } from './row-output.js';

/** Every parameter any of the trials has, sorted. */
function allParams(trials: readonly TrialRecord[]): string[] {
  return [...new Set(trials.flatMap((t) => Object.keys(t.params)))].sort();
}

/**
 * `tfsweep export`: one row per trial, in plan order, with every parameter (named as in
 * the `results` view), the final metrics and the run's facts. Pure.
 */
export function trialExportRows(sweep: string, trials: readonly TrialRecord[], columns: ReadonlyMap<string, string>): RowSet {
  const params = allParams(trials);
  const metrics = metricColumnsFor(trials.map((t) => t.final));
  return {
    columns: [
      'sweep', 'trial_id', 'idx', 'trial_key', 'status', 'rung', ...params.map((p) => paramColumn(columns, p)),
      ...metrics, 'epochs_done', 'best_epoch', 'duration_s', 'backend', 'attempt', 'started_at',
      'finished_at', 'warnings', 'error', 'reused_from',
    ],
    rows: [...trials].sort((a, b) => a.idx - b.idx).map((t): Cell[] => [
      sweep, t.id, t.idx, t.trial_key, t.status, t.rung, ...params.map((p) => paramCell(t.params[p])),
      ...metrics.map((m) => finalMetric(t, m)), t.epochs_done, t.best_epoch, t.duration_s, t.backend,
      t.attempt, t.started_at, t.finished_at, t.warnings.join(','), t.error, t.reused_from,
    ]),
  };
}

/** `tfsweep export --epochs`: one row per trial and epoch, with the trial's parameters. Pure. */
export function epochExportRows(
  sweep: string, trials: readonly TrialRecord[], epochsOf: (trialId: number) => EpochMetrics[], columns: ReadonlyMap<string, string>,
): RowSet {
  const params = allParams(trials);
  const sorted = [...trials].sort((a, b) => a.idx - b.idx);
  const epochs = new Map(sorted.map((t) => [t.id, epochsOf(t.id)]));
  const metrics = metricColumnsFor([...epochs.values()].flat(), true);
  const rows: Cell[][] = [];
  for (const t of sorted) {
    for (const e of epochs.get(t.id)!) {
      rows.push([
        sweep, t.id, t.idx, t.status, ...params.map((p) => paramCell(t.params[p])), e.epoch,
        ...metrics.map((m) => e[m] ?? null), e.seconds,
      ]);
    }
  }
  return {
    columns: ['sweep', 'trial_id', 'idx', 'status', ...params.map((p) => paramColumn(columns, p)), 'epoch', ...metrics, 'seconds'],
    rows,
  };
}
