import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from '../../config/types.js';
import { FTRL_INITIAL_ACCUMULATOR } from '../keras-ftrl.js';
import { LION_BETA_1, LION_BETA_2 } from '../keras-lion.js';
import { NADAM_BETA_1, NADAM_BETA_2, NadamSchedule } from '../nadam-schedule.js';
import { KERAS_EPSILON } from '../optimizers.js';
import { regather } from './stacked-model.js';

/** Per-member hyperparameters of a stacked optimizer, one entry per member. */
export interface StackedHyper {
  learningRate: number[];
  momentum: number[];
  /** 0 = no decay for that member. */
  weightDecay: number[];
}

/**
 * One optimizer type over stacked [K, ...] variables, each member with its own learning
 * rate (momentum, weight decay) as a [K, 1, 1] tensor. Every formula is TensorFlow.js's own
 * (optimizers.ts's makeOptimizer, same defaults), written op for op in the same order so a
 * member's update equals its solo optimizer's; adadelta, nadam, lion and ftrl are
 * keras-*.ts's, weight decay is weight-decay.ts's (a member without decay is multiplied by
 * a decay of 0, which leaves its finite weights exactly as they were). Members of
 * one group share the optimizer type: a masked form running every type's formula for every
 * member would multiply the update's cost (the update is about a third of a step here),
 * and the seed grids sweep optimizer types as a parameter, so per-type groups stay large.
 */
export class StackedOptimizer {
  private negLr: tf.Tensor;
  private lr: tf.Tensor;
  private mom: tf.Tensor;
  /** lr * weight_decay per member, or null when no member decays. */
  private decay: tf.Tensor | null;
  private readonly nadam = new NadamSchedule();
  /** Slots by variable position: [slot name] -> variable. */
  private readonly slots: Map<string, tf.Variable>[] = [];
  /** Shared step counters (every member has taken the same number of steps). */
  private accBeta1: tf.Variable | null = null;
  private accBeta2: tf.Variable | null = null;

  constructor(readonly kind: Optimizer, hyper: StackedHyper) {
    const k = hyper.learningRate.length;
    this.lr = tf.tensor3d(hyper.learningRate, [k, 1, 1]);
    this.negLr = tf.tensor3d(hyper.learningRate.map((v) => -v), [k, 1, 1]);
    this.mom = tf.tensor3d(hyper.momentum, [k, 1, 1]);
    const decay = hyper.learningRate.map((lr, i) => (hyper.weightDecay[i] > 0 ? lr * hyper.weightDecay[i] : 0));
    this.decay = decay.some((d) => d !== 0) ? tf.tensor3d(decay, [k, 1, 1]) : null;
    if (kind === 'adam' || kind === 'adamw' || kind === 'adamax') {
      // In a tidy: the scalars a variable is made from are tensors of their own.
      this.accBeta1 = tf.tidy(() => tf.scalar(0.9).variable(false));
      this.accBeta2 = tf.tidy(() => tf.scalar(0.999).variable(false));
    }
  }

  private slot(i: number, name: string, like: tf.Tensor, init = 0): tf.Variable {
    while (this.slots.length <= i) this.slots.push(new Map());
    let v = this.slots[i].get(name);
    if (v === undefined) {
      v = tf.tidy(() => tf.fill(like.shape, init).variable(false));
      this.slots[i].set(name, v);
    }
    return v;
  }

  /** One update of every variable from its gradient (same order as the variables). */
  apply(vars: tf.Variable[], grads: tf.Tensor[]): void {
    tf.tidy(() => {
      const oneMinusAccBeta1 = this.accBeta1 === null ? null : tf.sub(1, this.accBeta1);
      const oneMinusAccBeta2 = this.accBeta2 === null ? null : tf.sub(1, this.accBeta2);
      const nadam = this.kind === 'nadam' ? this.nadam.next() : null;
      if (this.decay !== null) for (const value of vars) value.assign(tf.sub(value, tf.mul(value, this.decay)));
      vars.forEach((value, i) => {
        const g = grads[i];
        switch (this.kind) {
          case 'sgd':
            value.assign(tf.add(tf.mul(this.negLr, g), value));
            break;
          case 'momentum': {
            const acc = this.slot(i, 'momentum', value);
            const next = tf.add(tf.mul(this.mom, acc), g);
            acc.assign(next);
            value.assign(tf.add(tf.mul(this.negLr, next), value));
            break;
          }
          case 'nag': {
            const acc = this.slot(i, 'momentum', value);
            const next = tf.add(tf.mul(this.mom, acc), g);
            acc.assign(next);
            value.assign(tf.add(tf.mul(this.negLr, tf.add(g, tf.mul(next, this.mom))), value));
            break;
          }
          case 'adam':
          case 'adamw': {
            const m = this.slot(i, 'm', value);
            const v = this.slot(i, 'v', value);
            const nm = tf.add(tf.mul(m, 0.9), tf.mul(g, 1 - 0.9));
            const nv = tf.add(tf.mul(v, 0.999), tf.mul(tf.square(g), 1 - 0.999));
            const mHat = tf.div(nm, oneMinusAccBeta1!);
            const vHat = tf.div(nv, oneMinusAccBeta2!);
            m.assign(nm);
            v.assign(nv);
            value.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), KERAS_EPSILON)), this.negLr), value));
            break;
          }
          case 'adamax': {
            const m = this.slot(i, 'm', value);
            const u = this.slot(i, 'v', value);
            const nm = tf.add(tf.mul(m, 0.9), tf.mul(g, 1 - 0.9));
            const nu = tf.maximum(tf.mul(u, 0.999), tf.abs(g));
            m.assign(nm);
            u.assign(nu);
            value.assign(tf.add(tf.mul(tf.div(this.negLr, oneMinusAccBeta1!), tf.div(nm, tf.add(nu, KERAS_EPSILON))), value));
            break;
          }
          case 'adagrad': {
            const acc = this.slot(i, 'accumulator', value, 0.1);
            const next = tf.add(acc, tf.square(g));
            acc.assign(next);
            value.assign(tf.add(tf.mul(tf.div(g, tf.sqrt(tf.add(next, tf.backend().epsilon()))), this.negLr), value));
            break;
          }
          case 'adadelta': {
            const accG = this.slot(i, 'accGrad', value);
            const accD = this.slot(i, 'accDelta', value);
            const g2 = tf.add(tf.mul(accG, 0.95), tf.mul(tf.square(g), 1 - 0.95));
            const delta = tf.mul(tf.div(tf.sqrt(tf.add(accD, KERAS_EPSILON)), tf.sqrt(tf.add(g2, KERAS_EPSILON))), g);
            accG.assign(g2);
            accD.assign(tf.add(tf.mul(accD, 0.95), tf.mul(tf.square(delta), 1 - 0.95)));
            value.assign(tf.sub(value, tf.mul(delta, this.lr)));
            break;
          }
          case 'rmsprop': {
            // TensorFlow.js's rmsprop with momentum 0: its moment buffer is 0 * old + step.
            const ms = this.slot(i, 'rms', value);
            const next = tf.add(tf.mul(ms, 0.9), tf.mul(tf.square(g), 1 - 0.9));
            ms.assign(next);
            value.assign(tf.sub(value, tf.div(tf.mul(g, this.lr), tf.sqrt(tf.add(next, KERAS_EPSILON)))));
            break;
          }
          case 'nadam': {
            const m = this.slot(i, 'momentum', value);
            const v = this.slot(i, 'velocity', value);
            const nm = tf.add(m, tf.mul(tf.sub(g, m), 1 - NADAM_BETA_1));
            const nv = tf.add(v, tf.mul(tf.sub(tf.square(g), v), 1 - NADAM_BETA_2));
            const mHat = tf.add(tf.mul(nm, nadam!.momentScale), tf.mul(g, nadam!.gradientScale));
            const vHat = tf.div(nv, nadam!.velocityBias);
            m.assign(nm);
            v.assign(nv);
            value.assign(tf.sub(value, tf.div(tf.mul(mHat, this.lr), tf.add(tf.sqrt(vHat), KERAS_EPSILON))));
            break;
          }
          case 'lion': {
            const m = this.slot(i, 'momentum', value);
            const direction = tf.sign(tf.add(tf.mul(m, LION_BETA_1), tf.mul(g, 1 - LION_BETA_1)));
            value.assign(tf.sub(value, tf.mul(direction, this.lr)));
            m.assign(tf.add(tf.mul(m, LION_BETA_2), tf.mul(g, 1 - LION_BETA_2)));
            break;
          }
          case 'ftrl': {
            const acc = this.slot(i, 'accumulator', value, FTRL_INITIAL_ACCUMULATOR);
            const linear = this.slot(i, 'linear', value);
            const next = tf.add(acc, tf.square(g));
            const rootNext = tf.sqrt(next);
            const sigma = tf.div(tf.sub(rootNext, tf.sqrt(acc)), this.lr);
            const z = tf.add(linear, tf.sub(g, tf.mul(sigma, value)));
            const quadratic = tf.div(rootNext, this.lr);
            linear.assign(z);
            value.assign(tf.div(tf.neg(z), quadratic));
            acc.assign(next);
            break;
          }
        }
      });
      if (this.accBeta1 !== null) this.accBeta1.assign(tf.mul(this.accBeta1, 0.9));
      if (this.accBeta2 !== null) this.accBeta2.assign(tf.mul(this.accBeta2, 0.999));
    });
  }

  /** Keeps only the members at `indices`: slots and hyperparameters are re-stacked. */
  keep(indices: number[]): void {
    for (const m of this.slots) for (const [name, v] of m) m.set(name, regather(v, indices));
    const pick = (t: tf.Tensor) => {
      const next = tf.tidy(() => tf.gather(t, tf.tensor1d(indices, 'int32')));
      t.dispose();
      return next;
    };
    this.lr = pick(this.lr);
    this.negLr = pick(this.negLr);
    this.mom = pick(this.mom);
    if (this.decay !== null) this.decay = pick(this.decay);
  }

  dispose(): void {
    for (const m of this.slots) for (const v of m.values()) v.dispose();
    this.slots.length = 0;
    this.accBeta1?.dispose();
    this.accBeta2?.dispose();
    tf.dispose([this.lr, this.negLr, this.mom]);
    this.decay?.dispose();
  }
}
