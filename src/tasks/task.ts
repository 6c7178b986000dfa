import type * as tf from '@tensorflow/tfjs';
import type { Affine } from '../data/normalization.js';
import type { MetricValues } from '../core/metrics.js';
import type { ConfusionMatrix } from '../core/results.js';
import type { Loss, Normalization, TaskName } from '../config/types.js';

/**
 * A task: what a model's outputs mean. It owns the losses a trial may train with, how the
 * targets are encoded for training and decoded back to the data's units, the metrics
 * measured on validation rows and the warnings drawn from a trial's final metrics. The
 * trainer (src/train/) owns everything else: model, loop, optimizers, fused engines.
 */

export type { TaskName } from '../config/types.js';

export type { MetricValues } from '../core/metrics.js';

/**
 * One loss written in both forms the engines use, side by side in one table so neither
 * changes without the other (test/tasks/ checks that they agree). A batch's loss is the
 * mean over its elements of a per-element loss of the error e = prediction - target.
 */
export interface LossFormula {
  /**
   * Tensor form: the mean over `axes` (every axis when omitted) of the per-element loss
   * of predictions `p` against targets `t` (same shape). The solo step takes it whole;
   * the stacked engine per member ([K, B, out] -> [K]).
   */
  tensor(t: tf.Tensor, p: tf.Tensor, axes?: number[]): tf.Tensor;
  /** Plain-JS form of one element's loss at error e (the wide engine's loss). */
  value(e: number): number;
  /**
   * d value / d prediction at error e, as TensorFlow.js differentiates the tensor form
   * (also at kinks), so a hand-written backward pass (the wide engine) matches autodiff.
   */
  slope(e: number): number;
}

/** A trial's targets in the data's units, as the task receives them. */
export interface TargetColumns {
  /** rows x cols, row-major; the inputs' own array for an autoencoder. */
  values: Float32Array;
  cols: number;
  rows: number;
  /** Rows [0, trainRows) train: encodings are fitted on them only. */
  trainRows: number;
  /** True when the targets are the inputs. */
  autoencoder: boolean;
}

/**
 * A matrix as the model sees it, and the map back to the data's units. `affine.shift` and
 * `affine.scale` are what a trial saves (NormalizationStats); row stats are recomputed.
 */
export interface Encoded {
  /** rows x cols float32, row-major. */
  values: Float32Array;
  affine: Affine;
  /** The encoded width when it is not the target column count (a classifier's one-hot width). */
  cols?: number;
}

/** A classifier's validation confusion matrix: counts[true class][predicted class]. */
export type { ConfusionMatrix as Confusion } from '../core/results.js';

export interface Task {
  readonly name: TaskName;
  /** The spec's losses this task trains with. */
  readonly losses: readonly Loss[];
  /** The formulas of `name`; throws for a loss not in `losses`. */
  loss(name: Loss): LossFormula;
  /** The spec's normalization kinds this task's target encoding understands. */
  readonly normalizations: readonly Normalization[];
  /**
   * Encodes every row of the targets for training, fitted on the training rows. `inputs`
   * are the inputs as the trainer encoded them with the same kind (a task may reuse their
   * encoding: an autoencoder's targets are its inputs).
   */
  encodeTargets(kind: Normalization, targets: TargetColumns, inputs: Encoded): Encoded;
  /**
   * Maps a block of model outputs (rows x cols, starting at absolute row `firstRow`) back
   * to the data's units, in float64: the predictions the metrics are measured on.
   */
  decodeTargets(outputs: Float32Array, cols: number, firstRow: number, encoding: Affine): Float64Array;
  /** The keys of `metrics`' result, in order. */
  readonly metricNames: readonly string[];
  /**
   * Validation metrics of predictions against the truth (both rows x cols, the data's
   * units). Keyed by metricNames; never NaN for finite inputs (null where undefined).
   */
  metrics(truth: ArrayLike<number>, pred: ArrayLike<number>, cols: number, autoencoder: boolean): MetricValues;
  /** Machine-readable warning codes from a trial's final metrics (null: no epoch finished). */
  warnings(final: MetricValues | null): string[];
  /**
   * Metrics of the training rows at the end of an epoch (a classifier's `accuracy`), from
   * the model's outputs on them decoded like validation predictions; absent when the task
   * has none, so regression trials do no extra pass.
   */
  trainMetrics?(truth: ArrayLike<number>, pred: ArrayLike<number>): MetricValues;
  /** The validation confusion matrix (classifiers), from decoded predictions. */
  confusion?(truth: ArrayLike<number>, pred: ArrayLike<number>): ConfusionMatrix;
}
