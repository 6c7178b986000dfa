import { EPOCH_METRIC_COLUMNS, FINAL_METRIC_COLUMNS } from '../store/columns.js';
import type { TrialRecord } from '../store/store.js';
import type { EpochMetrics } from '../train/types.js';
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
  return {
    columns: [
      'sweep', 'trial_id', 'idx', 'trial_key', 'status', 'rung', ...params.map((p) => paramColumn(columns, p)),
      ...FINAL_METRIC_COLUMNS, 'epochs_done', 'best_epoch', 'duration_s', 'backend', 'attempt', 'started_at',
      'finished_at', 'warnings', 'error', 'reused_from',
    ],
    rows: [...trials].sort((a, b) => a.idx - b.idx).map((t): Cell[] => [
      sweep, t.id, t.idx, t.trial_key, t.status, t.rung, ...params.map((p) => paramCell(t.params[p])),
      ...FINAL_METRIC_COLUMNS.map((m) => finalMetric(t, m)), t.epochs_done, t.best_epoch, t.duration_s, t.backend,
      t.attempt, t.started_at, t.finished_at, t.warnings.join(','), t.error, t.reused_from,
    ]),
  };
}

/** `tfsweep export --epochs`: one row per trial and epoch, with the trial's parameters. Pure. */
export function epochExportRows(
  sweep: string, trials: readonly TrialRecord[], epochsOf: (trialId: number) => EpochMetrics[], columns: ReadonlyMap<string, string>,
): RowSet {
  const params = allParams(trials);
  const rows: Cell[][] = [];
  for (const t of [...trials].sort((a, b) => a.idx - b.idx)) {
    for (const e of epochsOf(t.id)) {
      rows.push([
        sweep, t.id, t.idx, t.status, ...params.map((p) => paramCell(t.params[p])), e.epoch,
        ...EPOCH_METRIC_COLUMNS.map((m) => e[m]), e.seconds,
      ]);
    }
  }
  return {
    columns: ['sweep', 'trial_id', 'idx', 'status', ...params.map((p) => paramColumn(columns, p)), 'epoch', ...EPOCH_METRIC_COLUMNS, 'seconds'],
    rows,
  };
}
