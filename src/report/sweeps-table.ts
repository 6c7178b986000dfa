import Table from 'cli-table3';
import { TRIAL_STATUSES } from '../planner/trial.js';
import { formatMetric } from './progress-state.js';
import type { RowSet } from './row-output.js';
import { formatCounts, formatEpochShare, type SweepSummary } from './sweep-summary.js';
import { formatTime } from './time-format.js';
import { tableStyle } from './table-style.js';

/** The `ls` table: one line per sweep. Pure. */
export function renderSweepsTable(sweeps: readonly SweepSummary[], o: { ascii?: boolean } = {}): string {
  if (sweeps.length === 0) return 'no sweeps yet (run one: tfsweep run <spec>)';
  const table = new Table({
    head: ['sweep', 'status', 'trials', 'best', 'epochs trained / full grid', 'backend', 'created', 'last run'],
    ...tableStyle(o.ascii),
  });
  for (const s of sweeps) {
    table.push([
      s.name,
      s.status,
      `${s.total}: ${formatCounts(s.counts)}`,
      s.best ? `${s.metric} ${formatMetric(s.best.value)} (trial ${s.best.trial_id})` : `${s.metric} -`,
      formatEpochShare(s.epochs_trained, s.epochs_full),
      s.backends.join(', ') || '-',
      formatTime(s.created_at),
      formatTime(s.last_run_at),
    ]);
  }
  return table.toString();
}

/** The same summaries as flat rows, for csv and json. */
export function sweepRows(sweeps: readonly SweepSummary[]): RowSet {
  return {
    columns: [
      'sweep', 'status', 'trials', ...TRIAL_STATUSES, 'metric', 'goal', 'best', 'best_trial',
      'epochs_trained', 'epochs_full_grid', 'backend', 'created_at', 'last_run_at',
    ],
    rows: sweeps.map((s) => [
      s.name, s.status, s.total, ...TRIAL_STATUSES.map((st) => s.counts[st]), s.metric, s.goal,
      s.best?.value ?? null, s.best?.trial_id ?? null, s.epochs_trained, s.epochs_full, s.backends.join(',') || null, s.created_at, s.last_run_at,
    ]),
  };
}
