import type { PlannedTrial } from '../planner/trial.js';
import type { EpochMetrics, FinalMetrics } from '../core/metrics.js';
import type { TrialGroup as PlannedGroup } from '../planner/fuse-groups.js';

/**
 * The trainer's contract. The trainer is the only code that imports TensorFlow.js; the
 * runner, store and CLI see only these plain types (all structured-clone safe).
 */

/**
 * Metrics travel as named values (core/metrics.ts): an epoch's record holds every metric
 * the task measured (validation metrics in the ORIGINAL units, normalization undone);
 * final metrics add end-of-training statistics such as identity_hits. Names: core/metric-registry.ts.
 */
export type { EpochMetrics, FinalMetrics } from '../core/metrics.js';

/** Weights in TensorFlow.js's own format: what sits behind model.json + weights.bin. */
export interface SavedWeights {
  /** `model.toJSON()` topology (Keras-style JSON), ready for model.json's modelTopology. */
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  weightData: ArrayBuffer;
  /** Normalization statistics the trial learned with, needed to predict in original units. */
  normalization: NormalizationStats;
}

export interface NormalizationStats {
  kind: 'none' | 'sample' | 'feature' | 'minmax' | 'global';
  /** feature/minmax: per input column; global: one value; none/sample: empty. */
  inputShift: number[];
  inputScale: number[];
  /** Same for the targets (equal to input stats for an autoencoder). */
  targetShift: number[];
  targetScale: number[];
}

export type TrialOutcome = 'completed' | 'failed' | 'diverged' | 'timeout' | 'interrupted' | 'pruned';

export interface TrialResult {
  status: TrialOutcome;
  /** Why the trial did not complete (error message, `loss became NaN at epoch 3`, ...). */
  reason: string | null;
  /** Every finished epoch, in order. Never contains NaN: a diverged epoch is not recorded. */
  epochs: EpochMetrics[];
  /** Metrics of the last finished epoch (or the best with patience), null when no epoch finished. */
  final: FinalMetrics | null;
  best_epoch: number | null;
  /** Machine-readable warning codes, e.g. `loss_at_variance`. */
  warnings: string[];
  weights: SavedWeights | null;
  /** TensorFlow.js backend that trained it: wasm, cpu, tensorflow. */
  backend: string;
}

/**
 * What an epoch callback may answer: nothing (go on) or 'stop' (end now as `pruned`).
 * May be async, so a pool worker can ask the main thread (successive halving rungs).
 */
export type EpochVerdict = void | 'continue' | 'stop';

export interface TrainOptions {
  onEpoch?: (m: EpochMetrics) => EpochVerdict | Promise<EpochVerdict>;
  /** Checked between batches; true ends the trial as `interrupted`. */
  shouldStop?: () => boolean;
  /** Wall-clock limit for the whole trial; exceeded ends it as `timeout`. */
  timeLimitMs?: number;
  /**
   * The sweep's metric (spec `metric`): picks `best_epoch` and drives
   * `early_stopping_patience`. Default {name: 'val_loss', goal: 'minimize'}, as Keras's EarlyStopping.
   */
  metric?: { name: string; goal: 'maximize' | 'minimize' };
}

/** The dataset a trial trains on: row-major values, possibly in a SharedArrayBuffer. */
export interface Dataset {
  rows: number;
  cols: number;
  /** rows * cols float32 values, row-major. Never copied per trial. */
  values: Float32Array;
  columnNames: string[];
  inputCols: number[];
  targetCols: number[];
  /** Rows [0, trainRows) train; rows [trainRows, rows) validate (Keras validation_split). */
  trainRows: number;
  /** True when the targets are the inputs (autoencoder). */
  autoencoder: boolean;
}

export interface Trainer {
  readonly backend: string;
  train(trial: PlannedTrial, data: Dataset, options?: TrainOptions): Promise<TrialResult>;
  /**
   * Trains a fused group (planner/fuse-groups.ts made it: dense layers only, one
   * architecture, batch size, loss and optimizer type); every member trial is reported
   * through options.onResult, each as its solo run would be (see fused/train-group.ts).
   */
  trainGroup(group: FusedGroup, data: Dataset, options: GroupTrainOptions): Promise<void>;
}

/** A fused group as the trainer receives it: built by planner/fuse-groups.ts (only `runs` is read). */
export type FusedGroup = Pick<PlannedGroup, 'runs'>;

/** Per-member callbacks and limits of a fused group (the group's counterpart of TrainOptions). */
export interface GroupTrainOptions {
  /**
   * A member trial finished `m`. Called for every live trial of every run at each epoch
   * boundary, all at once (a rung ask for every member, then the group continues with
   * the survivors); 'stop' ends that trial as `pruned`.
   */
  onEpoch?: (trial: PlannedTrial, m: EpochMetrics) => EpochVerdict | Promise<EpochVerdict>;
  /** A member trial is final (called once per trial, as soon as it is known). */
  onResult: (trial: PlannedTrial, result: TrialResult, seconds: number) => void;
  /** Checked between batches; true ends every unfinished member as `interrupted`. */
  shouldStop?: () => boolean;
  /** Wall-clock limit per trial; the group's limit is this times its run count. */
  timeLimitMs?: number;
  metric?: { name: string; goal: 'maximize' | 'minimize' };
}
