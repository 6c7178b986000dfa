import * as tf from '@tensorflow/tfjs';
import type { LossFormula } from './task.js';

/** Keras's epsilon: probabilities are clipped to [EPS, 1 - EPS] before a log. */
export const EPSILON = 1e-7;

export type ClassificationLoss = 'categorical_crossentropy' | 'binary_crossentropy' | 'categorical_hinge';

/** How the model's outputs are read: logits (a linear last layer, Keras's from_logits) or probabilities. */
export interface OutputReading {
  fromLogits: boolean;
  labelSmoothing: number;
}

/**
 * Keras's classification losses in tensor form (targets `t` one-hot over the last axis,
 * or one 0/1 column for binary_crossentropy; predictions `p` the model's outputs). The
 * per-row loss reduces the last axis; the result is its mean over the other axes in
 * `axes` (every axis when omitted), so the stacked engine gets one loss per member.
 * - categorical_crossentropy: -sum(t log softmax(p)) from logits; from probabilities
 *   p / sum(p) clipped to [EPS, 1 - EPS]; label smoothing t (1 - s) + s / classes.
 * - binary_crossentropy: from logits max(x, 0) - x z + log(1 + e^-|x|); from
 *   probabilities -(z log p + (1 - z) log(1 - p)) with p clipped; smoothing z (1 - s) + s / 2.
 * - categorical_hinge: max(0, max((1 - t) p) - sum(t p) + 1) on the outputs as they are.
 * No plain-JS element form: they are not elementwise, and the wide engine (which needs
 * one) trains mse only.
 */
export function classificationLoss(name: ClassificationLoss, r: OutputReading): LossFormula {
  const rowMean = (rows: tf.Tensor, t: tf.Tensor, axes?: number[]): tf.Tensor => {
    const last = t.rank - 1;
    const rest = axes === undefined ? undefined : axes.filter((a) => a !== last);
    return rest !== undefined && rest.length === 0 ? rows : tf.mean(rows, rest);
  };
  const smooth = (t: tf.Tensor, classes: number): tf.Tensor => (r.labelSmoothing > 0 ? tf.add(tf.mul(t, 1 - r.labelSmoothing), r.labelSmoothing / classes) : t);
  const tensor = (t: tf.Tensor, p: tf.Tensor, axes?: number[]): tf.Tensor => {
    const classes = t.shape[t.rank - 1];
    switch (name) {
      case 'categorical_crossentropy': {
        const y = smooth(t, classes);
        const logp = r.fromLogits
          ? tf.logSoftmax(p)
          : tf.log(tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), EPSILON, 1 - EPSILON));
        return rowMean(tf.neg(tf.sum(tf.mul(y, logp), -1)), t, axes);
      }
      case 'binary_crossentropy': {
        const z = smooth(t, 2);
        const per = r.fromLogits
          ? tf.add(tf.sub(tf.relu(p), tf.mul(p, z)), tf.log1p(tf.exp(tf.neg(tf.abs(p)))))
          : (() => {
              const q = tf.clipByValue(p, EPSILON, 1 - EPSILON);
              return tf.neg(tf.add(tf.mul(z, tf.log(q)), tf.mul(tf.sub(1, z), tf.log(tf.sub(1, q)))));
            })();
        return rowMean(tf.mean(per, -1), t, axes);
      }
      case 'categorical_hinge': {
        const pos = tf.sum(tf.mul(t, p), -1);
        const neg = tf.max(tf.mul(tf.sub(1, t), p), -1);
        return rowMean(tf.relu(tf.add(tf.sub(neg, pos), 1)), t, axes);
      }
    }
  };
  const notElementwise = (): number => {
    throw new Error(`${name} has no per-element form (the wide engine trains mse only)`);
  };
  return { tensor, value: notElementwise, slope: notElementwise };
}
