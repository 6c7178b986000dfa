import type { PlannedTrial, TrialStatus } from '../planner/trial.js';
import type { ParamValue } from '../config/types.js';
import type { EpochMetrics, FinalMetrics } from '../core/metrics.js';
import type { ConfusionMatrix, SavedWeights, TrialResult } from '../core/results.js';

/**
 * The storage contract: what the runner writes and what result commands read, as
 * Promises, so a networked database (PostgreSQL) can fill it without touching the
 * runner. SQLite (sqlite-store.ts, a file or `:memory:`) is the first implementation;
 * one contract suite (test/storage/contract.ts) runs against every implementation.
 *
 * Writers: every method that writes does so in one transaction, so a kill -9 at any
 * moment leaves each trial either before or after a call, never half-way through one.
 *
 * Leases: a trial is `running` only while a worker holds a lease on it (claimTrials);
 * the worker renews it (renewLeases) while it trains. A lease that expired sends the
 * trial back to `pending` (reclaimExpired); a live lease is never taken, so runs on
 * several machines can share a sweep without stealing each other's trials.
 */

export const SWEEP_STATUSES = ['running', 'completed', 'interrupted', 'failed'] as const;
export type SweepStatus = (typeof SWEEP_STATUSES)[number];

export interface SweepRecord {
  id: number;
  /**
   * Unique among sweeps. `--force` on a changed spec renames the old sweep to
   * `<name>@<old id>` and creates a new one under `<name>`, so "the sweep named X" is
   * always the newest one and the old rows are kept.
   */
  name: string;
  spec_yaml: string;
  spec_hash: string;
  status: SweepStatus;
  /** ISO-8601 UTC. */
  created_at: string;
  updated_at: string;
  /** When a process last took ownership of the sweep (started or resumed it); null if never. */
  last_run_at: string | null;
  metric_name: string;
  metric_goal: 'maximize' | 'minimize';
  /** The process that owns the sweep right now (null when released). */
  owner_pid: number | null;
  owner_host: string | null;
}

export interface TrialRecord {
  id: number;
  sweep_id: number;
  trial_key: string;
  /** The trial's index in the sweep's plan (PlannedTrial.idx). */
  idx: number;
  /** Canonical params as planned (sorted keys). */
  params: Record<string, ParamValue>;
  status: TrialStatus;
  /** How many times the trial was started (markRunning); 0 for a reused trial. */
  attempt: number;
  backend: string | null;
  started_at: string | null;
  finished_at: string | null;
  duration_s: number | null;
  epochs_done: number;
  best_epoch: number | null;
  /** Why the trial did not complete (or why it was sent back to pending). */
  error: string | null;
  warnings: string[];
  /** Final metrics; null until the trial finished with at least one epoch. */
  final: FinalMetrics | null;
  /** Pruned trials: the rung (epoch count) at which early termination stopped it. */
  rung: number | null;
  /** `--reuse`: the trial whose results were copied onto this one. */
  reused_from: number | null;
  /** A classifier's validation confusion matrix (results.ts), null otherwise. */
  confusion: ConfusionMatrix | null;
}

export interface OpenSweepInput {
  name: string;
  specYaml: string;
  specHash: string;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  trials: PlannedTrial[];
  /** Start a new sweep under this name even though the stored one has another spec. */
  force?: boolean;
}

export type TrialFinish = TrialResult & { rung?: number | null };

export type StatusCounts = Record<TrialStatus, number>;

/** Who holds a lease: a worker id unique to one run in one process, and the lease's length. */
export interface Lease {
  worker: string;
  /** Milliseconds from now until the lease ends unless renewed. */
  ms: number;
}

/** The read side: what `ls`, `top`, `show`, `export`, `export-model` and `report` need. */
export interface ResultsReader {
  getSweep(name: string): Promise<SweepRecord | null>;
  getSweepById(sweepId: number): Promise<SweepRecord | null>;
  /** Every sweep, oldest first. */
  listSweeps(): Promise<SweepRecord[]>;
  /** The sweep's trials ordered by idx, optionally only those in the given states. */
  listTrials(sweepId: number, statuses?: readonly TrialStatus[]): Promise<TrialRecord[]>;
  /** Trials per status (every status present, 0 when none). */
  countByStatus(sweepId: number): Promise<StatusCounts>;
  getTrial(trialId: number): Promise<TrialRecord | null>;
  /** The trial's epochs in order. */
  getEpochs(trialId: number): Promise<EpochMetrics[]>;
  getWeights(trialId: number): Promise<SavedWeights | null>;
  /**
   * Parameter name -> its column in the `results` view (`model.layers.0.activation` ->
   * `model_layers_0_activation`, the `loss` knob -> `param_loss`).
   */
  paramColumns(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export interface ResultStore extends ResultsReader {
  /**
   * Finds the sweep by name, in one transaction:
   * - a new name: inserts the sweep (status `running`) and `input.trials` (`pending`);
   * - same name and spec hash, and every trial of `input.trials` is stored with the same
   *   idx -> key (trials a sampler added later may follow): resumed: true (`force`
   *   changes nothing here);
   * - otherwise StoreError `E_SPEC_CHANGED` with the lines that changed, unless `force`,
   *   which renames the old sweep to `<name>@<old id>` (its rows are kept) and creates a
   *   new one. `force` on a sweep owned by another live process: `E_SWEEP_BUSY`.
   */
  openSweep(input: OpenSweepInput): Promise<{ sweep: SweepRecord; resumed: boolean }>;

  /**
   * A sampler's new trials, `pending`, in one transaction. A trial whose idx is stored
   * already with the same key is skipped (a resumed run asks again); another key at that
   * idx is StoreError `E_SPEC_CHANGED`. Returns the records of the given trials.
   */
  addTrials(sweepId: number, trials: readonly PlannedTrial[]): Promise<TrialRecord[]>;

  /**
   * Takes ownership for process `pid` on this host, atomically. Another owner that is
   * alive (same host, the pid exists and is the same process that took it, not a reused
   * pid) -> StoreError `E_SWEEP_BUSY` naming it. An owner recorded on another host cannot
   * be checked and is also refused; the message says how to clear it. A dead owner is
   * taken over. Sets status `running` and last_run_at.
   * SQLite keeps one owner per sweep and a run acquires before it claims, so acquiring
   * also ends every lease on the sweep's trials: nobody else can hold one.
   */
  acquireSweep(sweepId: number, pid: number): Promise<void>;

  /**
   * Sets the sweep's final status and clears the owner, if the owner is still the one
   * this store acquired with (or nobody). Returns false when another process owns it
   * now (then nothing changes).
   */
  releaseSweep(sweepId: number, status: SweepStatus): Promise<boolean>;

  /**
   * `running` trials whose lease has expired (or that have none) and `interrupted`
   * trials go back to `pending`; returns how many. A live lease is never touched.
   */
  reclaimExpired(sweepId: number): Promise<number>;

  /**
   * Claims these trials for `lease.worker`, in one transaction: each one still `pending`
   * becomes `running` with the lease, attempt += 1, started_at = now, backend set, and
   * the previous attempt's epochs, metrics, error and weights cleared. Returns the ids
   * claimed, in the order given; a trial that is not pending (another worker has it,
   * or it finished) is left alone.
   */
  claimTrials(trialIds: readonly number[], lease: Lease, backend: string): Promise<number[]>;

  /** Extends the leases `lease.worker` holds on these trials to now + lease.ms; returns the ids it still holds. */
  renewLeases(trialIds: readonly number[], lease: Lease): Promise<number[]>;

  /**
   * Many epoch rows in one transaction. Idempotent per (trial_id, epoch): a row written
   * again replaces the old one. Raises the trial's epochs_done to the highest epoch seen.
   */
  recordEpochs(rows: readonly { trialId: number; m: EpochMetrics }[]): Promise<void>;

  /**
   * The trial's outcome in one transaction: status, reason (as error), backend,
   * finished_at, duration, epochs_done = result.epochs.length, best epoch, warnings,
   * final metrics, rung; writes every epoch of result.epochs and deletes any epoch
   * beyond them (left by an earlier attempt); stores the weights when the status is
   * `completed` and weights are given, and removes stale weights otherwise. Ends the lease.
   */
  finishTrial(trialId: number, result: TrialFinish, durationS: number): Promise<void>;

  /**
   * Sets a status without results: `pending` (its worker died, it will be retried),
   * `interrupted`, or `failed` after the last retry. `error` undefined keeps the current
   * text, null clears it. finished_at is set for final/interrupted states, cleared
   * otherwise. Ends the lease.
   */
  setStatus(trialId: number, status: TrialStatus, error?: string | null): Promise<void>;

  /**
   * Removes the sweep with its trials, epochs, metric values and weights, in one
   * transaction. A sweep owned by a live process: StoreError `E_SWEEP_BUSY`, nothing removed.
   */
  deleteSweep(sweepId: number): Promise<void>;

  /** `--reuse`: the newest completed trial with this key in any sweep, or null. */
  findCompletedByKey(key: string): Promise<TrialRecord | null>;

  /**
   * Copies a completed trial's results (status, metrics, epochs, weights, warnings,
   * backend, times) onto another trial, in one transaction; the target's attempt is
   * kept and reused_from records the source.
   */
  copyTrialResults(fromTrialId: number, toTrialId: number): Promise<void>;
}
