/**
 * Metrics a sweep can rank by: what the trainer records per epoch and at the end (see
 * train/types.ts). `val_*` metrics are measured on the validation rows.
 */
export const METRIC_NAMES = [
  'val_r2', 'val_nmse', 'val_mse', 'val_mae', 'val_corr', 'val_loss', 'loss', 'identity_hits', 'diag_mean',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Metrics where bigger is better; every other metric is minimised by default. */
const MAXIMISED: readonly MetricName[] = ['val_r2', 'val_corr', 'identity_hits', 'diag_mean'];

export function defaultGoal(name: MetricName): 'maximize' | 'minimize' {
  return MAXIMISED.includes(name) ? 'maximize' : 'minimize';
}

export const DEFAULT_METRIC: MetricName = 'val_r2';
