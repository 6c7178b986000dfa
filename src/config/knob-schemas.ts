import { z } from 'zod';
import { LOSSES, NORMALIZATIONS, OPTIMIZER_SPELLINGS, OPTIMIZERS, type ParamValue, type TrainKnob } from './types.js';
import { expecting, nonNegativeNumber, oneOf, oneOfAnyCase, positiveNumber, fraction, literal, wholeNumber } from './schema-helpers.js';

/**
 * What one value of each training knob may be. A `parameters.<knob>` entry's `value`,
 * every item of its `values`, and the range of its distribution are checked against
 * these. Defaults are not here: they are in defaults.ts. Values come out canonical
 * (`Adam` -> adam); normalizeKnobValue below does the rest (`none` -> null).
 */

const REGULARIZER_WHAT = 'none or a mapping {l1, l2} of numbers >= 0';

/** `none` (or YAML null) = no regularizer; otherwise l1, l2 or both. */
export function regularizerSchema() {
  return z.union(
    [
      literal('none'),
      z.null(),
      z
        .strictObject({ l1: nonNegativeNumber().optional(), l2: nonNegativeNumber().optional() }, expecting(REGULARIZER_WHAT))
        .refine((r) => r.l1 !== undefined || r.l2 !== undefined, { message: 'expected l1, l2 or both' }),
    ],
    expecting(REGULARIZER_WHAT),
  );
}

/** Largest epoch and batch counts accepted: far beyond useful, well inside safe arithmetic. */
export const MAX_EPOCHS = 1_000_000;
export const MAX_BATCH_SIZE = 1_048_576;
export const MAX_SEED = 2 ** 32 - 1;

export const KNOB_ITEM_SCHEMAS = {
  activity_regularizer: regularizerSchema(),
  batch_size: wholeNumber(1, MAX_BATCH_SIZE),
  early_stopping_patience: z.union([literal('none'), z.null(), wholeNumber(1)], expecting('none or a whole number >= 1')),
  epochs: wholeNumber(1, MAX_EPOCHS),
  kernel_regularizer: regularizerSchema(),
  label_smoothing: fraction(0, 1),
  learning_rate: positiveNumber(),
  loss: oneOf(LOSSES),
  momentum: fraction(0, 1),
  normalization: oneOf(NORMALIZATIONS),
  optimizer: oneOfAnyCase(OPTIMIZERS, OPTIMIZER_SPELLINGS),
  seed: wholeNumber(0, MAX_SEED),
  weight_decay: nonNegativeNumber(),
} satisfies Record<TrainKnob, z.ZodType>;

/** Every training knob, sorted (the order the planner uses). */
export const TRAIN_KNOBS = (Object.keys(KNOB_ITEM_SCHEMAS) as TrainKnob[]).sort();

export function isTrainKnob(name: string): name is TrainKnob {
  return Object.prototype.hasOwnProperty.call(KNOB_ITEM_SCHEMAS, name);
}

/** Knobs where `none` means "off" and is stored as null. */
const NULLABLE_KNOBS: readonly TrainKnob[] = ['activity_regularizer', 'kernel_regularizer', 'early_stopping_patience'];

/** A validated knob value in its canonical form: `none` becomes null. */
export function normalizeKnobValue(knob: TrainKnob, value: ParamValue): ParamValue {
  return NULLABLE_KNOBS.includes(knob) && value === 'none' ? null : value;
}
