import { TRIAL_STATUSES } from '../planner/trial.js';
import type { StatusCounts, SweepRecord, TrialRecord } from '../storage/store.js';
import { emptyCounts } from '../storage/sqlite/rows.js';
import { finalMetric, rankTrials, type Goal } from './rank.js';

/** One line of `tfsweep ls`: a sweep and what became of its trials. */
export interface SweepSummary {
  name: string;
  status: string;
  metric: string;
  goal: Goal;
  created_at: string;
  last_run_at: string | null;
  total: number;
  counts: StatusCounts;
  /** The best ranked trial by the sweep's own metric. */
  best: { value: number; trial_id: number } | null;
  /** Epochs actually trained (sum of epochs_done). */
  epochs_trained: number;
  /** Epochs of the full grid: every trial trained to its planned `epochs`. */
  epochs_full: number;
  /** The TensorFlow.js backends the finished trials actually ran on (`wasm`, `cpu`, `tensorflow`), most used first. */
  backends: string[];
}

/**
 * Summarizes a sweep from its trials. The full grid's epochs are the sum of each trial's
 * planned `epochs` parameter, so early termination shows as trained < full; a trial
 * without that parameter counts its epochs_done. Pure.
 */
export function summarizeSweep(sweep: SweepRecord, trials: readonly TrialRecord[]): SweepSummary {
  const counts = emptyCounts();
  let trained = 0;
  let full = 0;
  for (const t of trials) {
    counts[t.status] += 1;
    trained += t.epochs_done;
    const planned = t.params.epochs;
    full += typeof planned === 'number' ? Math.max(planned, t.epochs_done) : t.epochs_done;
  }
  const best = rankTrials([...trials], sweep.metric_name, sweep.metric_goal)[0];
  // A claimed trial holds the requested choice (`auto`) until its result names the backend.
  const used = new Map<string, number>();
  for (const t of trials) if (t.status !== 'pending' && t.status !== 'running' && t.backend !== null && t.backend !== 'auto') used.set(t.backend, (used.get(t.backend) ?? 0) + 1);
  return {
    name: sweep.name,
    status: sweep.status,
    metric: sweep.metric_name,
    goal: sweep.metric_goal,
    created_at: sweep.created_at,
    last_run_at: sweep.last_run_at,
    total: trials.length,
    counts,
    best: best ? { value: finalMetric(best, sweep.metric_name)!, trial_id: best.id } : null,
    epochs_trained: trained,
    epochs_full: full,
    backends: [...used.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([b]) => b),
  };
}

/** `6 completed, 1 pruned, 1 diverged`: the non-zero counts in lifecycle order. */
export function formatCounts(counts: StatusCounts): string {
  const parts = TRIAL_STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'no trials';
}

/** `36 / 48 (75%)`: epochs trained against the full grid's. */
export function formatEpochShare(trained: number, full: number): string {
  const pct = full > 0 ? ` (${Math.round((100 * trained) / full)}%)` : '';
  return `${trained} / ${full}${pct}`;
}
