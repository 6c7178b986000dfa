import type { TrialRecord } from '../storage/store.js';
import type { TrialResult } from '../core/results.js';
import type { RunCounts, RunSummary } from './run-summary.js';

export type { RunCounts } from './run-summary.js';

export interface RunStartInfo {
  sweep: string;
  total: number;
  counts: RunCounts;
  workers: number;
  backend: string;
  resumed: boolean;
  reclaimed: number;
  reused: number;
  note: string | null;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  /** Parameter names the spec sweeps (shown beside each trial). */
  swept: string[];
}

/**
 * What the runner tells the user while it works. Implementations render a TTY bar,
 * plain lines or JSON lines (src/report/progress-*.ts); tests use a recording fake.
 */
export interface ProgressReporter {
  start(info: RunStartInfo): void;
  trialStarted(trial: TrialRecord): void;
  trialFinished(trial: TrialRecord, result: TrialResult, counts: RunCounts): void;
  /** A one-line message that is not a trial result (retry, backend choice). */
  note(message: string): void;
  finish(summary: RunSummary): void;
}
