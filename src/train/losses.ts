import type * as tf from '@tensorflow/tfjs';
import type { Loss } from '../config/types.js';
import { regression } from '../tasks/regression.js';
import type { Task } from '../tasks/task.js';

/** A loss: mean over every element of a batch (Keras: mean over the last axis, then over rows). */
export type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;

/**
 * The solo path's loss function: the task's formula for `name` (tasks/), reduced over the
 * whole batch. The fused engines read the same formulas. The task defaults to regression,
 * the only one, for callers without a trial (tests, benches).
 */
export function makeLoss(name: Loss, task: Task = regression): LossFn {
  const formula = task.loss(name);
  return (t, p) => formula.tensor(t, p) as tf.Scalar;
}
