import * as tf from '@tensorflow/tfjs';
import { DIVERGENCE_CHECK_STEPS, type EpochControl } from '../train-epoch.js';
import { BatchGate } from '../batch-gate.js';
import { memberObjectives, type FusedObjectiveConfig } from './fused-objective.js';
import type { MemberBatches } from './member-batches.js';
import type { StackedOptimizer } from './stacked-optimizer.js';

export interface FusedStepConfig extends FusedObjectiveConfig {
  optimizer: StackedOptimizer;
}

/**
 * One fused step: the members' objectives [K], the gradient of their sum (so member k's
 * gradient is its solo gradient), the stacked update. Returns the [K] objectives (caller owns).
 */
export function fusedStep(cfg: FusedStepConfig, x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    let perMember: tf.Tensor | null = null;
    const vars = cfg.model.variables;
    const { grads } = tf.variableGrads(() => {
      perMember = tf.keep(memberObjectives(cfg, x, y));
      return tf.sum(perMember) as tf.Scalar;
    }, vars);
    cfg.optimizer.apply(vars, vars.map((v) => grads[v.name]));
    // Kept tensors escape every scope: hand back an ordinary (tidy-tracked) handle instead.
    const kept = perMember! as tf.Tensor;
    const out = tf.clone(kept);
    kept.dispose();
    return out;
  });
}

/**
 * One pass over the training rows for every member (train-epoch.ts's loop, fused). Each
 * member's loss is summed on the device with each batch weighted by its rows and read back
 * every DIVERGENCE_CHECK_STEPS steps: a member whose running loss is not finite is reported
 * through `onDiverged` (it keeps training in the stack, harmlessly, until the epoch ends and
 * it is dropped). Returns each member's mean loss (NaN for a diverged one). Throws TrialStop
 * for cancellation and timeout (the whole group).
 */
export async function fusedEpoch(
  cfg: FusedStepConfig, batches: MemberBatches, steps: number, batchSize: number, trainRows: number,
  nIn: number, nOut: number, control: EpochControl, onDiverged: (member: number, value: number) => void,
): Promise<number[]> {
  const k = batches.members;
  const gate = new BatchGate(control);
  let acc: tf.Tensor = tf.keep(tf.zeros([k]));
  const reported = new Set<number>();
  const check = () => {
    const running = acc.dataSync();
    running.forEach((v, i) => {
      if (!Number.isFinite(v) && !reported.has(i)) {
        reported.add(i);
        onDiverged(i, v);
      }
    });
    return running;
  };
  try {
    for (let s = 0; s < steps; s++) {
      const pause = gate.check();
      if (pause) await pause;
      const b = batches.batch(s);
      const sum = acc;
      const next = tf.tidy(() => {
        const x = tf.tensor3d(b.x, [k, b.rows, nIn]);
        const y = b.y === b.x ? x : tf.tensor3d(b.y, [k, b.rows, nOut]);
        const l = fusedStep(cfg, x, y);
        return tf.add(sum, b.rows === batchSize ? l : tf.mul(l, b.rows / batchSize));
      });
      acc.dispose();
      acc = tf.keep(next);
      if ((s + 1) % DIVERGENCE_CHECK_STEPS === 0) check();
    }
    return Array.from(check(), (v) => (v * batchSize) / trainRows);
  } finally {
    acc.dispose();
  }
}
