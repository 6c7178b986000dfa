import * as tf from '@tensorflow/tfjs';
import type { TrainParams } from '../config/types.js';
import { KerasAdadelta } from './keras-adadelta.js';

/** Keras's float32 epsilon, the default of every Keras optimizer that takes one. */
export const KERAS_EPSILON = 1e-7;

/**
 * The trial's optimizer, with Keras's defaults for everything the spec does not set:
 * momentum = SGD with `momentum` (not Nesterov); adam/adamax beta1 0.9, beta2 0.999;
 * adagrad initial accumulator 0.1; adadelta rho 0.95; rmsprop rho 0.9, no momentum.
 * TensorFlow.js's own optimizers except adadelta (see keras-adadelta.ts). Known small
 * differences from Keras that remain: tfjs adds epsilon inside the square root
 * (adagrad, rmsprop) and to the bias-corrected sqrt(v) (adam); Keras adds it outside /
 * to the uncorrected one. Both only matter when gradients are as small as epsilon.
 */
export function makeOptimizer(p: Pick<TrainParams, 'optimizer' | 'learning_rate' | 'momentum'>): tf.Optimizer {
  const lr = p.learning_rate;
  switch (p.optimizer) {
    case 'sgd': return tf.train.sgd(lr);
    case 'momentum': return tf.train.momentum(lr, p.momentum, false);
    case 'adam': return tf.train.adam(lr, 0.9, 0.999, KERAS_EPSILON);
    case 'adamax': return tf.train.adamax(lr, 0.9, 0.999, KERAS_EPSILON, 0);
    case 'adagrad': return tf.train.adagrad(lr, 0.1);
    case 'adadelta': return new KerasAdadelta(lr, 0.95, KERAS_EPSILON);
    case 'rmsprop': return tf.train.rmsprop(lr, 0.9, 0, KERAS_EPSILON, false);
  }
}

/**
 * Frees an optimizer and its slots. TensorFlow.js's MomentumOptimizer.dispose() skips the
 * learning-rate scalar its SGD base keeps (`c`), which would leak one tensor per trial.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (c !== undefined && !c.isDisposed) c.dispose();
}
