import * as tf from '@tensorflow/tfjs';
import type { Regularizer } from '../config/types.js';
import type { LossFn } from './losses.js';
import { activityPenalty, l1l2 } from './regularizers.js';
import type { TrainableModel } from './trainable-model.js';

/** Everything one optimization step needs; built once per trial. */
export interface StepConfig {
  model: TrainableModel;
  loss: LossFn;
  kernelRegularizer: Regularizer;
  activityRegularizer: Regularizer;
  optimizer: tf.Optimizer;
}

/**
 * The objective as optimized, Keras's way: the batch loss plus the kernel penalty of every
 * dense layer, each dense layer's activity penalty (sum over its outputs / batch size)
 * and the model's own regularization losses.
 */
export function objective(cfg: StepConfig, x: tf.Tensor, y: tf.Tensor, seed: number): tf.Scalar {
  const { output, activations } = cfg.model.forward(x, true, seed);
  let total = cfg.loss(y, output);
  const kernel = l1l2(cfg.kernelRegularizer, cfg.model.denseKernels);
  if (kernel !== null) total = tf.add(total, kernel);
  const activity = activityPenalty(cfg.activityRegularizer, activations);
  if (activity !== null) total = tf.add(total, activity);
  for (const own of cfg.model.ownLosses()) total = tf.add(total, own);
  return total;
}

/**
 * One step: forward, loss, gradients, update. Returns the batch's objective as a scalar
 * tensor the caller owns (it stays on the device: no read-back here). Every other tensor
 * the step makes is freed before it returns.
 */
export function trainStep(cfg: StepConfig, x: tf.Tensor, y: tf.Tensor, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => objective(cfg, x, y, seed), cfg.model.variables);
    cfg.optimizer.applyGradients(grads);
    return value;
  });
}
