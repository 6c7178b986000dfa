/**
 * `majority_class`: the classification form of the seed's trap. An accuracy that only
 * reflects the class balance looks as good as the share of the most common class, and
 * learns nothing. Rule: the validation accuracy does not beat always guessing the most
 * common class (val_accuracy <= val_majority_rate), or the predictions are (almost) all
 * one class (val_top_class_share >= 0.95) while the classes are not that unbalanced
 * (val_majority_rate < 0.9).
 */
export const ONE_CLASS_SHARE = 0.95;
export const UNBALANCED_RATE = 0.9;

export const MAJORITY_CLASS_RULE =
  'val_accuracy is no better than always guessing the most common class (val_accuracy <= val_majority_rate), ' +
  `or at least ${ONE_CLASS_SHARE * 100}% of the predictions are one class while no class has ${UNBALANCED_RATE * 100}% of the rows`;

export const MAJORITY_CLASS_MESSAGE = 'the model predicts (almost) one class; its accuracy only reflects the class balance';

export interface MajorityInputs {
  readonly val_accuracy?: number | null;
  readonly val_majority_rate?: number | null;
  readonly val_top_class_share?: number | null;
}

/** The classification task's warnings from a trial's final metrics (null: no epoch finished). */
export function classificationWarnings(final: MajorityInputs | null): string[] {
  if (final === null) return [];
  const { val_accuracy: acc, val_majority_rate: rate, val_top_class_share: share } = final;
  if (typeof acc !== 'number' || typeof rate !== 'number') return [];
  const oneClass = typeof share === 'number' && share >= ONE_CLASS_SHARE && rate < UNBALANCED_RATE;
  return acc <= rate || oneClass ? ['majority_class'] : [];
}
