import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import type { PlannedTrial } from '../../src/planner/trial.js';
import { resolveTrainParams } from '../../src/config/defaults.js';
import type { DataSpec, LayerSpec, ModelSpec, TrainParams } from '../../src/config/types.js';
import type { Dataset, Trainer, TrainOptions, TrialResult } from '../../src/train/types.js';

/** Training knobs as the planner resolves them, with 2 epochs to keep tests short, for hand-built trials. */
export const DEFAULT_TRAIN: TrainParams = resolveTrainParams({ epochs: 2 });

/** One linear Dense(units) layer with Keras's defaults. */
export function dense(units: number | 'input' | 'classes', extra: Partial<Extract<LayerSpec, { type: 'dense' }>> = {}): LayerSpec {
  return { type: 'dense', units, activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros', ...extra };
}

export const AUTOENCODER_DATA: DataSpec = { target: 'input', validation_split: 0.3 };

/** A PlannedTrial as the planner would emit it, built by hand. */
export function makeTrial(train: Partial<TrainParams> = {}, model: ModelSpec = { layers: [dense('input')] }, data: DataSpec = AUTOENCODER_DATA): PlannedTrial {
  const t = { ...DEFAULT_TRAIN, ...train };
  return {
    idx: 0,
    key: 'test',
    params: JSON.parse(JSON.stringify(t)),
    train: t,
    model,
    data,
  };
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}

/** Every number in a result's metrics, for "never NaN" checks. */
export function metricNumbers(r: TrialResult): (number | null)[] {
  const out: (number | null)[] = [];
  for (const e of r.epochs) out.push(...Object.values(e));
  if (r.final !== null) out.push(...Object.values(r.final));
  return out;
}

/**
 * Trains and checks what every trial must satisfy: the tensor count is back to its
 * starting value, and no metric is NaN or infinite.
 */
export async function trainChecked(trainer: Trainer, trial: PlannedTrial, data: Dataset, options?: TrainOptions): Promise<TrialResult> {
  const before = tensorCount();
  const r = await trainer.train(trial, data, options);
  assert.equal(tensorCount(), before, `tensor count after a ${r.status} trial`);
  for (const v of metricNumbers(r)) assert.ok(v === null || Number.isFinite(v), `non-finite metric ${v} in ${JSON.stringify(r.epochs)}`);
  return r;
}
