import type { MetricValues } from '../core/metrics.js';
import type { Confusion, Task } from '../tasks/task.js';
import type { LossFn } from './losses.js';
import { predictValidation, type ValidationSet } from './evaluate.js';
import type { TrainableModel } from './trainable-model.js';
import type { TrialData } from './trial-data.js';
import type { EpochMetrics, FinalMetrics } from './types.js';
import type { IdentityStats } from './weight-stats.js';

/**
 * One epoch's metrics: the training loss as optimized, then validation inference, the
 * predictions decoded back to original units by the task, and the task's metrics on them
 * (keys: epoch, loss, val_loss, the task's metricNames in order, seconds).
 * Null when a validation value is not finite (the model diverged); never returns NaN.
 * Without validation rows every val_ metric is null.
 */
export function epochMetrics(
  epoch: number, loss: number, tm: TrainableModel, val: ValidationSet | null, data: TrialData, lossFn: LossFn, task: Task,
  train: ValidationSet | null = null, confusion?: (c: Confusion) => void,
): EpochMetrics | null {
  const none: MetricValues = {};
  for (const name of task.metricNames) none[name] = null;
  // A classifier's `accuracy`: its training rows, predicted once more at the epoch's end.
  let trainValues: MetricValues = {};
  if (train !== null && task.trainMetrics !== undefined) {
    const { pred } = predictValidation(tm, train, lossFn);
    trainValues = task.trainMetrics(data.yOrig.subarray(0, data.trainRows * data.truthCols), task.decodeTargets(pred, data.nOut, 0, data.targetAffine));
    if (!Object.values(trainValues).every((v) => v === null || Number.isFinite(v))) return null;
  }
  const m: EpochMetrics = { epoch, loss, val_loss: null, ...none, ...trainValues, seconds: 0 };
  if (val === null) return m;
  const { valLoss, pred } = predictValidation(tm, val, lossFn);
  const original = task.decodeTargets(pred, data.nOut, data.trainRows, data.targetAffine);
  const truth = data.yOrig.subarray(data.trainRows * data.truthCols);
  const r = task.metrics(truth, original, data.nOut, data.autoencoder);
  if (!Number.isFinite(valLoss) || !Object.values(r).every((v) => v === null || Number.isFinite(v))) return null;
  confusion?.(task.confusion?.(truth, original) ?? { classes: [], counts: [] });
  return { ...m, val_loss: valLoss, ...r, ...trainValues };
}

/** The result's final metrics: an epoch's metrics (all but epoch and seconds) plus the weight statistics at that epoch. */
export function finalMetrics(m: EpochMetrics, identity: IdentityStats): FinalMetrics {
  const { epoch: _epoch, seconds: _seconds, ...values } = m;
  return { ...values, ...identity };
}
