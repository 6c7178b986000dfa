import * as tf from '@tensorflow/tfjs';
import type { TrainParams } from '../config/types.js';
import { KerasAdadelta } from './keras-adadelta.js';
import { KerasFtrl } from './keras-ftrl.js';
import { KerasLion } from './keras-lion.js';
import { KerasNadam } from './keras-nadam.js';
import { DecoupledWeightDecay, withoutDecay } from './weight-decay.js';

/** Keras's float32 epsilon, the default of every Keras optimizer that takes one. */
export const KERAS_EPSILON = 1e-7;

/** The knobs an optimizer is made from. */
export type OptimizerKnobs = Pick<TrainParams, 'optimizer' | 'learning_rate' | 'momentum' | 'weight_decay'>;

/**
 * The trial's optimizer, with Keras's defaults for everything the spec does not set:
 * momentum = SGD with `momentum` (not Nesterov), nag = SGD with Nesterov `momentum`;
 * adam/adamw/adamax beta1 0.9, beta2 0.999; adagrad initial accumulator 0.1; adadelta
 * rho 0.95; rmsprop rho 0.9, no momentum; nadam, lion, ftrl as their files say. A
 * `weight_decay` above 0 wraps any of them in Keras's decoupled decay (weight-decay.ts);
 * adamw is adam with that decay (as Keras's AdamW is its Adam with weight_decay 0.004,
 * which config/defaults.ts supplies).
 * TensorFlow.js's own optimizers for sgd, momentum, nag, adam(w), adamax, adagrad and
 * rmsprop; hand-written Keras formulas for the rest. Known small differences from Keras
 * that remain: tfjs adds epsilon inside the square root (adagrad, rmsprop) and to the
 * bias-corrected sqrt(v) (adam, adamw); Keras adds it outside / to the uncorrected one.
 * Both only matter when gradients are as small as epsilon. tfjs's momentum and Nesterov
 * keep lr out of the accumulator (a = mom a + g; w -= lr (g + mom a) for nag), Keras keeps
 * it in (v = mom v - lr g; w += mom v - lr g): the same steps at a constant learning rate.
 */
export function makeOptimizer(p: OptimizerKnobs): tf.Optimizer {
  const base = baseOptimizer(p);
  return p.weight_decay > 0 ? new DecoupledWeightDecay(base, p.learning_rate, p.weight_decay) : base;
}

function baseOptimizer(p: OptimizerKnobs): tf.Optimizer {
  const lr = p.learning_rate;
  switch (p.optimizer) {
    case 'sgd': return tf.train.sgd(lr);
    case 'momentum': return tf.train.momentum(lr, p.momentum, false);
    case 'nag': return tf.train.momentum(lr, p.momentum, true);
    case 'adam':
    case 'adamw': return tf.train.adam(lr, 0.9, 0.999, KERAS_EPSILON);
    case 'adamax': return tf.train.adamax(lr, 0.9, 0.999, KERAS_EPSILON, 0);
    case 'adagrad': return tf.train.adagrad(lr, 0.1);
    case 'adadelta': return new KerasAdadelta(lr, 0.95, KERAS_EPSILON);
    case 'rmsprop': return tf.train.rmsprop(lr, 0.9, 0, KERAS_EPSILON, false);
    case 'nadam': return new KerasNadam(lr, KERAS_EPSILON);
    case 'lion': return new KerasLion(lr);
    case 'ftrl': return new KerasFtrl(lr);
  }
}

/**
 * Frees an optimizer and its slots. TensorFlow.js's MomentumOptimizer.dispose() skips the
 * learning-rate scalar its SGD base keeps (`c`), which would leak one tensor per trial.
 */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const c = (withoutDecay(optimizer) as unknown as { c?: tf.Tensor }).c;
  if (c !== undefined && !c.isDisposed) c.dispose();
}
