/**
 * `loss_at_variance`: the model predicts (about) the mean, and the loss is small only
 * because the data's variance is small. Rule: val_nmse >= 0.5 (the validation MSE is at
 * least half the targets' variance) while the training loss is below 0.01 in absolute
 * terms. The seed's trap has val_nmse ~ 1 and loss ~ 1e-6; a model on data of unit scale
 * with val_nmse 0.5 has a loss near 0.5 (mse) or 0.56 (mae) and is not flagged.
 */
export const VARIANCE_NMSE_THRESHOLD = 0.5;
export const SMALL_LOSS_THRESHOLD = 0.01;

/** The rule in words: the one statement of it that tables, the report and the README quote. */
export const LOSS_AT_VARIANCE_RULE =
  `val_mse is at least ${VARIANCE_NMSE_THRESHOLD === 0.5 ? 'half' : `${VARIANCE_NMSE_THRESHOLD} times`} the variance of the targets ` +
  `(val_nmse >= ${VARIANCE_NMSE_THRESHOLD}) while the training loss is below ${SMALL_LOSS_THRESHOLD}`;

export const LOSS_AT_VARIANCE_MESSAGE =
  'the model predicts the mean; a small loss here only reflects the scale of your data';

/** The two values the rule reads; any final metrics record (open or not) has them. */
export interface VarianceInputs {
  readonly loss?: number | null;
  readonly val_nmse?: number | null;
}

/** The regression task's warnings from a trial's final metrics (null: no epoch finished). */
export function regressionWarnings(final: VarianceInputs | null): string[] {
  const warnings: string[] = [];
  if (final === null) return warnings;
  const { loss, val_nmse: nmse } = final;
  if (typeof nmse === 'number' && nmse >= VARIANCE_NMSE_THRESHOLD && typeof loss === 'number' && Math.abs(loss) < SMALL_LOSS_THRESHOLD) {
    warnings.push('loss_at_variance');
  }
  return warnings;
}
