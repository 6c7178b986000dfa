import type { LossFn } from './losses.js';
import { regressionMetrics } from './metrics.js';
import { denormalizeRows } from './normalization.js';
import { predictValidation, type ValidationSet } from './evaluate.js';
import type { TrainableModel } from './trainable-model.js';
import type { TrialData } from './trial-data.js';
import type { EpochMetrics, FinalMetrics } from './types.js';
import type { IdentityStats } from './weight-stats.js';

/**
 * One epoch's metrics: the training loss as optimised, then validation inference, the
 * predictions mapped back to original units, and the scale-aware metrics on them.
 * Null when a validation value is not finite (the model diverged); never returns NaN.
 * Without validation rows every val_ metric is null.
 */
export function epochMetrics(epoch: number, loss: number, tm: TrainableModel, val: ValidationSet | null, data: TrialData, lossFn: LossFn): EpochMetrics | null {
  const m: EpochMetrics = {
    epoch, loss, val_loss: null, val_mse: null, val_mae: null, val_r2: null, val_nmse: null, val_corr: null, seconds: 0,
  };
  if (val === null) return m;
  const { valLoss, pred } = predictValidation(tm, val, lossFn);
  const original = denormalizeRows(pred, data.nOut, data.trainRows, data.targetAffine);
  const truth = data.yOrig.subarray(data.trainRows * data.nOut);
  const r = regressionMetrics(truth, original, data.nOut, data.autoencoder);
  const values = [valLoss, r.val_mse, r.val_mae, r.val_r2, r.val_nmse ?? 0, r.val_corr ?? 0];
  if (!values.every(Number.isFinite)) return null;
  return { ...m, val_loss: valLoss, ...r };
}

/** The result's final metrics: an epoch's metrics plus the weight statistics at that epoch. */
export function finalMetrics(m: EpochMetrics, identity: IdentityStats): FinalMetrics {
  return {
    loss: m.loss,
    val_loss: m.val_loss,
    val_mse: m.val_mse,
    val_mae: m.val_mae,
    val_r2: m.val_r2,
    val_nmse: m.val_nmse,
    val_corr: m.val_corr,
    identity_hits: identity.identity_hits,
    diag_mean: identity.diag_mean,
  };
}
