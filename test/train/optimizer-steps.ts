import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import type { Optimizer } from '../../src/config/types.js';
import { disposeOptimizer, makeOptimizer, type OptimizerKnobs } from '../../src/train/optimizers.js';
import { tensorCount } from './helpers.js';

/** A three-weight vector and two steps' known gradients: small enough to follow by hand. */
export const W0 = [1, -2, 0.5];
export const GRADS = [[0.5, -3, 0.1], [-0.2, 1, 0.3]];

/** Weights agree within `rel` of the weight (absolute below 1): 1e-6 is a few float32 ulps near 1. */
export function assertWeights(got: ArrayLike<number>, want: number[], label: string, rel = 1e-6): void {
  assert.equal(got.length, want.length, label);
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) <= rel * Math.max(1, Math.abs(w)), `${label}[${i}]: got ${got[i]}, want ${w}`));
}

/** Runs the steps through makeOptimizer (the solo path); returns the weights and checks nothing leaks. */
export function solo(knobs: OptimizerKnobs, w0 = W0, grads = GRADS): Float32Array {
  const before = tensorCount();
  const init = tf.tensor1d(w0);
  const w = tf.variable(init);
  init.dispose();
  const opt = makeOptimizer(knobs);
  for (const g of grads) {
    const grad = tf.tensor1d(g);
    tf.tidy(() => opt.applyGradients({ [w.name]: grad }));
    grad.dispose();
  }
  const out = w.dataSync() as Float32Array;
  disposeOptimizer(opt);
  w.dispose();
  assert.equal(tensorCount(), before, `${knobs.optimizer}: no tensor left behind`);
  return out;
}

/** Optimizer knobs: momentum 0.9 and no weight decay unless `extra` says otherwise. */
export function knobs(optimizer: Optimizer, learning_rate: number, extra: Partial<OptimizerKnobs> = {}): OptimizerKnobs {
  return { optimizer, learning_rate, momentum: 0.9, weight_decay: 0, ...extra };
}
