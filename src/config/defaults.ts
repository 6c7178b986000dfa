import type { Optimizer, TrainParams } from './types.js';

/**
 * Training knob defaults: what a trial gets for every knob its spec does not set.
 * Chosen to match Keras, since the seed problem's user came from Keras.
 */

/** Each optimizer's Keras default learning rate (momentum is SGD with momentum). */
export const DEFAULT_LEARNING_RATES: Readonly<Record<Optimizer, number>> = {
  sgd: 0.01,
  momentum: 0.01,
  adam: 0.001,
  adamax: 0.002,
  adagrad: 0.001,
  adadelta: 0.001,
  rmsprop: 0.001,
};

/** Every knob except learning_rate, whose default depends on the optimizer. */
export const KNOB_DEFAULTS: Readonly<Omit<TrainParams, 'learning_rate'>> = {
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

/** Fills in every knob not given; learning_rate follows the (resolved) optimizer. */
export function resolveTrainParams(given: Partial<TrainParams>): TrainParams {
  const optimizer = given.optimizer ?? KNOB_DEFAULTS.optimizer;
  return {
    ...KNOB_DEFAULTS,
    ...given,
    optimizer,
    learning_rate: given.learning_rate ?? DEFAULT_LEARNING_RATES[optimizer],
  };
}
