import type { Optimizer, TaskName, TrainParams } from './types.js';

/**
 * Training knob defaults: what a trial gets for every knob its spec does not set.
 * Chosen to match Keras, since the seed problem's user came from Keras.
 */

/**
 * Each optimizer's Keras default learning rate (momentum and nag are SGD with momentum).
 * Keras 3's constructors (keras/src/optimizers/*.py): nadam, adamw, lion and ftrl all
 * default to 0.001 (Lion's paper suggests 3-10x less than AdamW; Keras keeps 0.001).
 */
export const DEFAULT_LEARNING_RATES: Readonly<Record<Optimizer, number>> = {
  sgd: 0.01,
  momentum: 0.01,
  adam: 0.001,
  adamax: 0.002,
  adagrad: 0.001,
  adadelta: 0.001,
  rmsprop: 0.001,
  nag: 0.01,
  nadam: 0.001,
  adamw: 0.001,
  lion: 0.001,
  ftrl: 0.001,
};

/**
 * Weight decay when the spec does not set it: off (Keras's `weight_decay=None`), except
 * adamw, whose Keras constructor defaults to 0.004. An explicit 0 turns it off for adamw
 * too (adamw then trains exactly as adam).
 */
export const DEFAULT_WEIGHT_DECAY: Readonly<Partial<Record<Optimizer, number>>> = { adamw: 0.004 };

/** Every knob except learning_rate and weight_decay, whose defaults depend on the optimizer, and the classification-only ones. */
export const KNOB_DEFAULTS: Readonly<Omit<TrainParams, 'learning_rate' | 'weight_decay' | 'label_smoothing'>> = {
  optimizer: 'sgd',
  momentum: 0.9,
  epochs: 10,
  batch_size: 32,
  loss: 'mse',
  normalization: 'none',
  activity_regularizer: null,
  kernel_regularizer: null,
  seed: 0,
  early_stopping_patience: null,
};

/** What differs for a classifier: Keras's usual loss, and label smoothing off. */
export const CLASSIFICATION_DEFAULTS = { loss: 'categorical_crossentropy', label_smoothing: 0 } as const;

/**
 * Fills in every knob not given; learning_rate and weight_decay follow the (resolved)
 * optimizer. A classification trial also gets label_smoothing and its own default loss; a
 * regression trial has no label_smoothing key at all.
 */
export function resolveTrainParams(given: Partial<TrainParams>, task: TaskName = 'regression'): TrainParams {
  const optimizer = given.optimizer ?? KNOB_DEFAULTS.optimizer;
  return {
    ...KNOB_DEFAULTS,
    ...(task === 'classification' ? CLASSIFICATION_DEFAULTS : {}),
    ...given,
    optimizer,
    learning_rate: given.learning_rate ?? DEFAULT_LEARNING_RATES[optimizer],
    weight_decay: given.weight_decay ?? DEFAULT_WEIGHT_DECAY[optimizer] ?? 0,
  };
}
