import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlannedTrial } from '../../src/planner/trial.js';
import type { ParamValue, TrainParams } from '../../src/config/types.js';
import type { EpochMetrics, SavedWeights, TrialResult } from '../../src/train/types.js';
import type { OpenSweepInput } from '../../src/storage/store.js';

/** Hand-built fixtures for the store tests: planned trials, results, weights. */

export const SPEC_YAML = [
  'name: quickstart',
  'method: grid',
  'metric: {name: val_r2, goal: maximize}',
  'parameters:',
  '  learning_rate: {values: [0.1, 0.01, 0.001]}',
  '  normalization: {values: [none, sample]}',
  '',
].join('\n');

/** Canonical params of one trial: every knob plus a dotted model parameter, sorted keys. */
export function params(over: Record<string, ParamValue> = {}): Record<string, ParamValue> {
  const p: Record<string, ParamValue> = {
    activity_regularizer: null,
    batch_size: 32,
    early_stopping_patience: null,
    epochs: 3,
    kernel_regularizer: { l1: 1e-5 },
    learning_rate: 0.01,
    loss: 'mse',
    'model.layers.0.activation': 'relu',
    momentum: 0,
    normalization: 'none',
    optimizer: 'adam',
    seed: 1,
    ...over,
  };
  return Object.fromEntries(Object.keys(p).sort().map((k) => [k, p[k]]));
}

export function trialKey(p: Record<string, ParamValue>): string {
  return createHash('sha256').update(JSON.stringify(p)).digest('hex').slice(0, 16);
}

export function plannedTrial(index: number, p: Record<string, ParamValue>): PlannedTrial {
  const train = Object.fromEntries(Object.entries(p).filter(([k]) => !k.includes('.'))) as unknown as TrainParams;
  return {
    idx: index,
    key: trialKey(p),
    params: p,
    train,
    model: { layers: [{ type: 'dense', units: 4, activation: 'relu', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' }] },
    data: { generate: { distribution: 'normal', mean: 0, std: 1, rows: 64, cols: 4, seed: 1 }, target: 'input', validation_split: 0.25 },
  };
}

/** The quickstart-like grid: 3 learning rates x 2 normalizations, the regularizer object or none. */
export function quickstartTrials(): PlannedTrial[] {
  const out: PlannedTrial[] = [];
  for (const learning_rate of [0.1, 0.01, 0.001]) {
    for (const normalization of ['none', 'sample']) {
      const kernel_regularizer = normalization === 'none' ? null : { l1: 1e-5 };
      out.push(plannedTrial(out.length, params({ learning_rate, normalization, kernel_regularizer })));
    }
  }
  return out;
}

export function sweepInput(over: Partial<OpenSweepInput> = {}): OpenSweepInput {
  return {
    name: 'quickstart',
    specYaml: SPEC_YAML,
    specHash: 'hash-1',
    metric: { name: 'val_r2', goal: 'maximize' },
    trials: quickstartTrials(),
    ...over,
  };
}

export function epoch(n: number, loss = 1 / n): EpochMetrics {
  return {
    epoch: n, loss, val_loss: loss * 1.1, val_mse: loss * 2, val_mae: loss / 2, val_r2: 1 - loss,
    val_nmse: loss, val_corr: null, seconds: 0.25,
  };
}

export function weights(bytes: number[] = [0, 1, 2, 3, 250, 251, 252, 253]): SavedWeights {
  const data = new Uint8Array(bytes);
  return {
    modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2 } }] } },
    weightSpecs: [{ name: 'dense/kernel', shape: [1, 2], dtype: 'float32' }],
    weightData: data.buffer.slice(0),
    normalization: { kind: 'feature', inputShift: [0.5], inputScale: [2], targetShift: [0.5], targetScale: [2] },
  };
}

export function completed(epochCount: number, over: Partial<TrialResult> = {}): TrialResult {
  const epochs = Array.from({ length: epochCount }, (_, i) => epoch(i + 1));
  const last = epochs[epochs.length - 1];
  return {
    status: 'completed',
    reason: null,
    epochs,
    final: last
      ? { loss: last.loss, val_loss: last.val_loss, val_mse: last.val_mse, val_mae: last.val_mae, val_r2: last.val_r2,
        val_nmse: last.val_nmse, val_corr: last.val_corr, identity_hits: 3, diag_mean: 0.5 }
      : null,
    best_epoch: epochCount || null,
    warnings: [],
    weights: weights(),
    backend: 'cpu',
    ...over,
  };
}

/** A folder removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tfsweep-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The pid of a process that has exited (a child that ran and ended). */
export function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  if (r.pid === undefined) throw new Error('could not spawn a child process');
  return r.pid;
}
