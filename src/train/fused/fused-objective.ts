import * as tf from '@tensorflow/tfjs';
import type { Regularizer } from '../../config/types.js';
import type { LossFormula } from '../../tasks/task.js';
import type { StackedModel } from './stacked-model.js';

/** Axes of one member's elements in a [K, B, out] tensor. */
const MEMBER_AXES = [1, 2];

/**
 * Per-member regularization coefficients as [K] tensors, or null where no member has
 * the term (then the op is not run at all). A member without the term has coefficient 0.
 */
export interface MemberPenalty {
  l1: tf.Tensor1D | null;
  l2: tf.Tensor1D | null;
}

export function memberPenalty(regs: Regularizer[]): MemberPenalty {
  const l1 = regs.map((r) => r?.l1 ?? 0);
  const l2 = regs.map((r) => r?.l2 ?? 0);
  return {
    l1: l1.some((v) => v !== 0) ? tf.tensor1d(l1) : null,
    l2: l2.some((v) => v !== 0) ? tf.tensor1d(l2) : null,
  };
}

export function disposePenalty(p: MemberPenalty): void {
  p.l1?.dispose();
  p.l2?.dispose();
}

export function keepPenalty(p: MemberPenalty, indices: number[]): MemberPenalty {
  const pick = (t: tf.Tensor1D | null) => (t === null ? null : tf.tidy(() => tf.gather(t, tf.tensor1d(indices, 'int32')) as tf.Tensor1D));
  const next = { l1: pick(p.l1), l2: pick(p.l2) };
  disposePenalty(p);
  return next;
}

/** regularizers.ts's l1l2 of one stacked tensor, per member: [K]. */
function l1l2(p: MemberPenalty, t: tf.Tensor): tf.Tensor | null {
  let total: tf.Tensor | null = null;
  if (p.l1 !== null) total = tf.mul(tf.sum(tf.abs(t), MEMBER_AXES), p.l1);
  if (p.l2 !== null) {
    const l2 = tf.mul(tf.sum(tf.square(t), MEMBER_AXES), p.l2);
    total = total === null ? l2 : tf.add(total, l2);
  }
  return total;
}

export interface FusedObjectiveConfig {
  model: StackedModel;
  /** The task's loss, reduced per member: [K, B, out] pairs -> [K] means (the solo step's formula). */
  loss: LossFormula;
  kernel: MemberPenalty;
  activity: MemberPenalty;
}

/**
 * Every member's objective as its solo step computes it (train-step.ts: the batch loss,
 * plus the kernel penalty of every dense layer, plus each dense layer's activity penalty
 * divided by the batch size), as a [K] vector. Their SUM is what is differentiated: member
 * k's variables only reach member k's term, so each member's gradient is its solo gradient.
 */
export function memberObjectives(cfg: FusedObjectiveConfig, x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  const { output, activations } = cfg.model.forward(x);
  let total = cfg.loss.tensor(y, output, MEMBER_AXES);
  for (const k of cfg.model.kernels) {
    const p = l1l2(cfg.kernel, k);
    if (p !== null) total = tf.add(total, p);
  }
  const rows = x.shape[1] ?? 1;
  for (const a of activations) {
    const p = l1l2(cfg.activity, a);
    if (p !== null) total = tf.add(total, tf.div(p, rows));
  }
  return total;
}
