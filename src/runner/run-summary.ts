import type { SweepRecord } from '../storage/store.js';
import type { TrialStatus } from '../planner/trial.js';

export type RunCounts = Record<TrialStatus, number>;

/** What a finished (or stopped) run reports. */
export interface RunSummary {
  sweep: SweepRecord;
  resumed: boolean;
  reclaimed: number;
  reused: number;
  counts: RunCounts;
  /** True when the run was stopped by a signal before every trial reached a final state. */
  interrupted: boolean;
  wallSeconds: number;
  workers: number;
  /** Epochs trained in this run (excludes reused or previously finished trials). */
  epochsTrained: number;
}
