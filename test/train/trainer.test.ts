import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { buildDataset } from '../../src/data/build-dataset.js';
import { ACTIVATIONS, INITIALIZERS, REGRESSION_LOSSES as LOSSES, OPTIMIZERS } from '../../src/config/types.js';
import { createTrainer } from '../../src/train/create-trainer.js';
import { denormalizeRows } from '../../src/data/normalization.js';
import { regressionMetrics } from '../../src/tasks/regression-metrics.js';
import { prepareTrialData } from '../../src/train/trial-data.js';
import type { Dataset, Trainer } from '../../src/train/types.js';
import { dense, makeTrial, tensorCount, trainChecked } from './helpers.js';

let trainer: Trainer;
let data: Dataset;
let moduleDir: string;

before(async () => {
  trainer = await createTrainer('wasm');
  data = buildDataset({ generate: { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: 2000, cols: 84, seed: 7 }, target: 'input', validation_split: 0.3 });
  moduleDir = mkdtempSync(join(tmpdir(), 'tfsweep-models-'));
});

function writeModule(name: string, source: string): string {
  const path = join(moduleDir, name);
  writeFileSync(path, source);
  return path;
}

test('cancellation between batches: interrupted, finished epochs kept, no weights', async () => {
  let calls = 0;
  const r = await trainChecked(trainer, makeTrial({ epochs: 5, batch_size: 8 }), data, { shouldStop: () => ++calls > 250 });
  assert.equal(r.status, 'interrupted');
  assert.equal(r.epochs.length, 1, '175 steps per epoch: stopped in epoch 2');
  assert.match(r.reason ?? '', /epoch 2/);
  assert.equal(r.final?.loss, r.epochs[0].loss);
  assert.equal(r.weights, null);
});

test('a per-trial time limit: timeout', async () => {
  const r = await trainChecked(trainer, makeTrial({ epochs: 1000, batch_size: 8 }), data, { timeLimitMs: 300 });
  assert.equal(r.status, 'timeout');
  assert.match(r.reason ?? '', /time limit of 300 ms/);
  assert.ok(r.epochs.length < 1000);
});

test('a cancellation flag set from a timer is seen: the loop yields to the event loop', async () => {
  let stop = false;
  setTimeout(() => { stop = true; }, 100);
  const r = await trainChecked(trainer, makeTrial({ epochs: 1000, batch_size: 8 }), data, { shouldStop: () => stop });
  assert.equal(r.status, 'interrupted');
});

test('onEpoch sees every epoch, may be async, and "stop" prunes the trial with its weights', async () => {
  const seen: number[] = [];
  const r = await trainChecked(trainer, makeTrial({ epochs: 5, batch_size: 32 }), data, {
    onEpoch: async (m) => {
      seen.push(m.epoch);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return m.epoch === 2 ? 'stop' : 'continue';
    },
  });
  assert.deepEqual(seen, [1, 2]);
  assert.equal(r.status, 'pruned');
  assert.equal(r.epochs.length, 2);
  assert.ok(r.weights !== null);
});

test('patience stops after N epochs without improvement and records the best epoch', async () => {
  // An identity model never improves on its epoch-1 val_loss of 0.
  const r = await trainChecked(trainer, makeTrial({ epochs: 10, batch_size: 32, early_stopping_patience: 2 }, { layers: [dense('input', { kernel_initializer: 'identity' })] }), data);
  assert.equal(r.status, 'completed');
  assert.equal(r.epochs.length, 3);
  assert.equal(r.best_epoch, 1);
});

test('with patience, final metrics and weights are the best epoch\'s', async () => {
  // Watching the training loss with goal maximize makes epoch 1 the best; training goes on two more epochs.
  const metric = { name: 'loss', goal: 'maximize' as const };
  const trial = makeTrial({ epochs: 10, batch_size: 32, early_stopping_patience: 2 });
  const r = await trainChecked(trainer, trial, data, { metric });
  assert.equal(r.epochs.length, 3);
  assert.equal(r.best_epoch, 1);
  assert.equal(r.final?.loss, r.epochs[0].loss);
  const oneEpoch = await trainChecked(trainer, makeTrial({ ...trial.train, epochs: 1, early_stopping_patience: null }), data);
  assert.deepEqual(Buffer.from(r.weights!.weightData), Buffer.from(oneEpoch.weights!.weightData), 'weights restored to epoch 1');
});

test('the sweep metric picks best_epoch without patience; final stays the last epoch', async () => {
  const r = await trainChecked(trainer, makeTrial({ epochs: 3, batch_size: 32 }), data, { metric: { name: 'loss', goal: 'maximize' } });
  assert.equal(r.best_epoch, 1);
  assert.equal(r.final?.loss, r.epochs[2].loss);
});

test('saved weights load with tf.loadLayersModel and, with the stats applied as documented, predict in original units', async () => {
  const trial = makeTrial({ epochs: 2, batch_size: 16, normalization: 'feature', optimizer: 'adam', learning_rate: 0.01 });
  const r = await trainChecked(trainer, trial, data);
  const w = r.weights!;
  assert.deepEqual(w.weightSpecs.map((s) => s.name), ['dense_0/kernel', 'dense_0/bias']);
  assert.equal(w.normalization.kind, 'feature');
  assert.equal(w.normalization.inputShift.length, 84);
  const before = tensorCount();
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: w.modelTopology as object, weightSpecs: w.weightSpecs, weightData: w.weightData }));
  const prepared = prepareTrialData(data, 'feature');
  const valRows = data.rows - data.trainRows;
  const x = tf.tensor2d(prepared.x.subarray(data.trainRows * 84), [valRows, 84]);
  const out = model.predict(x) as tf.Tensor;
  const normPred = out.dataSync() as Float32Array;
  out.dispose();
  // documented rule: value = normalized * scale + shift, per column
  const s = w.normalization;
  const pred = denormalizeRows(normPred, 84, 0, { shift: s.targetShift, scale: s.targetScale });
  const m = regressionMetrics(data.values.subarray(data.trainRows * 84), pred, 84, true);
  assert.ok(Math.abs(m.val_mse / r.final!.val_mse! - 1) < 1e-4, `${m.val_mse} vs ${r.final!.val_mse}`);
  x.dispose();
  model.dispose();
  assert.equal(tensorCount(), before);
});

test('a user module model trains, with the trial params passed to build(params, tf)', async () => {
  const path = writeModule('ok-model.mjs', `
    export function build(params, tf) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ units: params.hidden, inputShape: [84], activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed }) }));
      model.add(tf.layers.dense({ units: 84, kernelInitializer: tf.initializers.glorotUniform({ seed: params.seed + 1 }) }));
      return model;
    }`);
  const trial = makeTrial({ epochs: 2, batch_size: 32, normalization: 'sample', activity_regularizer: { l2: 1e-4 } }, { module: path });
  trial.params.hidden = 16;
  const r = await trainChecked(trainer, trial, data);
  assert.equal(r.status, 'completed', r.reason ?? '');
  assert.equal(r.epochs.length, 2);
  assert.equal(r.final?.identity_hits, null, 'no square dense layer');
  assert.ok(r.weights !== null);
});

test('a failing user module is a failed trial with its reason, and leaks nothing', async () => {
  const throws = writeModule('throws.mjs', `
    export function build(params, tf) {
      tf.layers.dense({ units: 3, inputShape: [84] }).apply(tf.input({ shape: [84] }));
      tf.variable(tf.zeros([5]));
      throw new Error('my model is broken');
    }`);
  const cases: [string, RegExp][] = [
    [throws, /my model is broken/],
    [writeModule('no-build.mjs', 'export const x = 1;'), /does not export a build\(params, tf\) function/],
    [writeModule('not-model.mjs', 'export function build() { return 42; }'), /returned a number, not a tf\.LayersModel/],
    [writeModule('wrong-shape.mjs', `export function build(p, tf) { return tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [84] })] }); }`), /outputs 3 values per row, the data has 84 target columns/],
    [writeModule('functional.mjs', `export function build(p, tf) { const i = tf.input({ shape: [84] }); return tf.model({ inputs: i, outputs: tf.layers.dense({ units: 84 }).apply(i) }); }`), /activity_regularizer .* needs a tf\.Sequential model/],
    [join(moduleDir, 'missing.mjs'), /missing\.mjs/],
  ];
  for (const [path, reason] of cases) {
    const r = await trainChecked(trainer, makeTrial({ epochs: 1, activity_regularizer: { l1: 1e-5 } }, { module: path }), data);
    assert.equal(r.status, 'failed', path);
    assert.match(r.reason ?? '', reason);
    assert.deepEqual(r.epochs, []);
    assert.equal(r.final, null);
  }
});

test('a functional user model trains when no activity regularizer is asked for', async () => {
  const path = writeModule('functional-ok.mjs', `export function build(p, tf) { const i = tf.input({ shape: [84] }); return tf.model({ inputs: i, outputs: tf.layers.dense({ units: 84 }).apply(i) }); }`);
  const r = await trainChecked(trainer, makeTrial({ epochs: 1, kernel_regularizer: { l2: 1e-4 } }, { module: path }), data);
  assert.equal(r.status, 'completed', r.reason ?? '');
  assert.equal(r.final?.identity_hits !== null, true);
});

test('target columns: a regression on named columns, val_corr null', async () => {
  const rows = 3000;
  const values = new Float32Array(rows * 4);
  const rng = buildDataset({ generate: { distribution: 'uniform', low: -1, high: 1, rows, cols: 3, seed: 2 }, target: 'input', validation_split: 0 }).values;
  for (let r = 0; r < rows; r++) {
    const [a, b, c] = [rng[r * 3], rng[r * 3 + 1], rng[r * 3 + 2]];
    values.set([a, b, c, 10 + a + 2 * b - c], r * 4);
  }
  const ds: Dataset = { rows, cols: 4, values, columnNames: ['a', 'b', 'c', 'y'], inputCols: [0, 1, 2], targetCols: [3], trainRows: 2100, autoencoder: false };
  const r = await trainChecked(trainer, makeTrial({ epochs: 5, batch_size: 16, optimizer: 'adam', learning_rate: 0.05, normalization: 'feature' }, { layers: [dense(1)] }), ds);
  assert.equal(r.status, 'completed');
  assert.ok(r.final!.val_r2! > 0.95, `val_r2 ${r.final!.val_r2}`);
  assert.equal(r.final!.val_corr, null);
  assert.equal(r.final!.identity_hits, null);
});

test('every optimizer, loss, activation and initializer trains to a finite result; deeper models with dropout too', async () => {
  const small = buildDataset({ generate: { distribution: 'uniform', low: 0, high: 1, rows: 400, cols: 8, seed: 1 }, target: 'input', validation_split: 0.25 });
  for (const optimizer of OPTIMIZERS) {
    const r = await trainChecked(trainer, makeTrial({ epochs: 2, batch_size: 16, optimizer, learning_rate: 0.01 }), small);
    assert.equal(r.status, 'completed', `${optimizer}: ${r.reason}`);
  }
  for (const loss of LOSSES) {
    const r = await trainChecked(trainer, makeTrial({ epochs: 2, batch_size: 16, loss, kernel_regularizer: { l1: 1e-4, l2: 1e-4 } }), small);
    assert.equal(r.status, 'completed', `${loss}: ${r.reason}`);
  }
  for (const activation of ACTIVATIONS) {
    const r = await trainChecked(trainer, makeTrial({ epochs: 1, batch_size: 16 }, { layers: [dense(8, { activation }), dense('input')] }), small);
    assert.equal(r.status, 'completed', `${activation}: ${r.reason}`);
  }
  for (const init of INITIALIZERS) {
    const r = await trainChecked(trainer, makeTrial({ epochs: 1, batch_size: 16 }, { layers: [dense('input', { kernel_initializer: init, bias_initializer: init === 'identity' ? 'zeros' : init })] }), small);
    assert.equal(r.status, 'completed', `${init}: ${r.reason}`);
  }
  const deep = { layers: [dense(16, { activation: 'relu', kernel_initializer: 'he_normal' }), { type: 'dropout' as const, rate: 0.2 }, dense('input', { activation: 'sigmoid' })] };
  const a = await trainChecked(trainer, makeTrial({ epochs: 2, batch_size: 16, normalization: 'minmax', activity_regularizer: { l1: 1e-4 } }, deep), small);
  const b = await trainChecked(trainer, makeTrial({ epochs: 2, batch_size: 16, normalization: 'minmax', activity_regularizer: { l1: 1e-4 } }, deep), small);
  assert.equal(a.status, 'completed');
  assert.deepEqual(a.final, b.final, 'dropout masks are seeded');
});

test('without validation rows the val metrics are null and nothing is flagged', async () => {
  const noVal = buildDataset({ generate: { distribution: 'normal', mean: 1.1, std: 0.001, rows: 500, cols: 84, seed: 7 }, target: 'input', validation_split: 0 });
  const r = await trainChecked(trainer, makeTrial({ epochs: 2, batch_size: 32 }), noVal);
  assert.equal(r.status, 'completed');
  assert.equal(r.final?.val_loss, null);
  assert.equal(r.final?.val_r2, null);
  assert.deepEqual(r.warnings, []);
  assert.equal(r.best_epoch, 2, 'falls back to the training loss');
});

test('trials started together run one after the other, each leaving the tensor count as it was', async () => {
  const before = tensorCount();
  const [a, b] = await Promise.all([
    trainer.train(makeTrial({ epochs: 1, batch_size: 32 }), data),
    trainer.train(makeTrial({ epochs: 1, batch_size: 32, seed: 1 }), data),
  ]);
  assert.equal(a.status, 'completed');
  assert.equal(b.status, 'completed');
  assert.equal(tensorCount(), before);
});

test('backends: cpu and wasm by name; node only when tfjs-node loads', async () => {
  const cpu = await createTrainer('cpu');
  assert.equal(cpu.backend, 'cpu');
  const r = await trainChecked(cpu, makeTrial({ epochs: 1, batch_size: 32 }), data);
  assert.equal(r.backend, 'cpu');
  const wasm = await createTrainer('wasm');
  assert.equal(wasm.backend, 'wasm');
  assert.equal((await trainChecked(wasm, makeTrial({ epochs: 1, batch_size: 32 }), data)).backend, 'wasm');
  let nodeLoads = true;
  try {
    await import('@tensorflow/tfjs-node' as string);
  } catch {
    nodeLoads = false;
  }
  if (nodeLoads) assert.equal((await createTrainer('node')).backend, 'tensorflow');
  else await assert.rejects(createTrainer('node'), (e: unknown) => (e as { code?: string }).code === 'E_BACKEND');
  assert.equal((await createTrainer('auto')).backend, nodeLoads ? 'tensorflow' : 'wasm');
});
