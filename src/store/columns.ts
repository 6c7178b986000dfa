import type { EpochMetrics, FinalMetrics } from '../train/types.js';

/** Metric columns of `epochs` (plus epoch, seconds), in table order. */
export const EPOCH_METRIC_COLUMNS = [
  'loss', 'val_loss', 'val_mse', 'val_mae', 'val_r2', 'val_nmse', 'val_corr',
] as const satisfies readonly (keyof EpochMetrics)[];

/** Final metric columns of `trials` and of the `results` view, in table order. */
export const FINAL_METRIC_COLUMNS = [
  ...EPOCH_METRIC_COLUMNS, 'identity_hits', 'diag_mean',
] as const satisfies readonly (keyof FinalMetrics)[];
