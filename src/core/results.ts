import type { EpochMetrics, FinalMetrics } from './metrics.js';

/**
 * What training a trial produces, as plain structured-clone-safe data: the trainer makes
 * it, workers post it, the storage keeps it, the report reads it.
 */

/** Weights in TensorFlow.js's own format: what sits behind model.json + weights.bin. */
export interface SavedWeights {
  /** `model.toJSON()` topology (Keras-style JSON), ready for model.json's modelTopology. */
  modelTopology: unknown;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  weightData: ArrayBuffer;
  /** Normalization statistics the trial learned with, needed to predict in original units. */
  normalization: NormalizationStats;
  /** A classifier's class names, in the order of its outputs. */
  classes?: string[];
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
  /** A classifier's validation confusion matrix at the epoch `final` reports (absent otherwise). */
  confusion?: ConfusionMatrix | null;
}

/** counts[true class][predicted class] over the validation rows; classes in index order. */
export interface ConfusionMatrix {
  classes: string[];
  counts: number[][];
}

