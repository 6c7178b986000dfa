import * as tf from '@tensorflow/tfjs';
import type { Prng } from '../core/prng.js';
import type { BatchFeeder } from './batch-feeder.js';
import { trainStep, type StepConfig } from './train-step.js';
import { TrialStop } from './trial-stop.js';
import { BatchGate, type EpochControl } from './batch-gate.js';

export type { EpochControl } from './batch-gate.js';

/** Steps between read-backs of the running loss: a NaN stops the epoch within this many steps. */
export const DIVERGENCE_CHECK_STEPS = 64;

/**
 * One pass over the training rows in freshly shuffled batches. Each batch is uploaded from
 * the feeder's view (a memcpy on cpu/wasm/node) and trained by trainStep; the loss stays
 * on the device, summed with each batch weighted by its rows, and is read back every
 * DIVERGENCE_CHECK_STEPS steps and at the end. Returns the epoch's mean loss (Keras's
 * `loss`). Throws TrialStop for cancellation, timeout and a non-finite loss.
 */
export async function trainEpoch(cfg: StepConfig, feeder: BatchFeeder, dropout: Prng, control: EpochControl): Promise<number> {
  const { nIn, nOut } = cfg.model;
  const bs = feeder.batchSize;
  feeder.shuffle();
  const gate = new BatchGate(control);
  let acc: tf.Tensor = tf.keep(tf.scalar(0));
  try {
    for (let s = 0; s < feeder.steps; s++) {
      const pause = gate.check();
      if (pause) await pause;
      const b = feeder.batch(s);
      const sum = acc;
      const next = tf.tidy(() => {
        const x = tf.tensor2d(b.x, [b.rows, nIn]);
        const y = b.y === b.x ? x : tf.tensor2d(b.y, [b.rows, nOut]);
        const l = trainStep(cfg, x, y, dropout.nextUint32());
        return tf.add(sum, b.rows === bs ? l : tf.mul(l, b.rows / bs));
      });
      acc.dispose();
      acc = tf.keep(next);
      if ((s + 1) % DIVERGENCE_CHECK_STEPS === 0) {
        const running = acc.dataSync()[0];
        if (!Number.isFinite(running)) throw new TrialStop('diverged', `loss became ${running} at epoch ${control.epoch}`);
      }
    }
    const loss = (acc.dataSync()[0] * bs) / feeder.trainRows;
    if (!Number.isFinite(loss)) throw new TrialStop('diverged', `loss became ${loss} at epoch ${control.epoch}`);
    return loss;
  } finally {
    acc.dispose();
  }
}
