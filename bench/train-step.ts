/**
 * Per-step cost of training the seed's model, Dense(84 -> 84) linear, MSE, SGD 0.01, on
 * the wasm and cpu backends at batch 8 and 80, measured in one run:
 *   loop         the trainer's own loop (src/train/train-epoch.ts: per-batch upload of
 *                shuffled rows, variableGrads + optimizer, loss summed on the device);
 *   loop+gather  the same step fed by tf.gather of an index tensor from the training
 *                matrix uploaded once (the alternative feeding strategy);
 *   model.fit    TensorFlow.js's own fit on the same data (shuffle on, verbose 0).
 * Prints ms per step and the ratios. Usage: node dist/bench/train-step.js [rows] [rounds]
 */
import * as tf from '@tensorflow/tfjs';
import { createPrng } from '../src/core/prng.js';
import { generateData } from '../src/data/generate-data.js';
import { BatchFeeder } from '../src/train/batch-feeder.js';
import { buildLayerModel } from '../src/train/build-model.js';
import { loadBackend } from '../src/train/load-backend.js';
import { makeLoss } from '../src/train/losses.js';
import { makeTrainableModel } from '../src/train/trainable-model.js';
import { trainEpoch } from '../src/train/train-epoch.js';
import { trainStep, type StepConfig } from '../src/train/train-step.js';
import type { LayerSpec } from '../src/config/types.js';

const D = 84;
const ROWS = Number(process.argv[2] ?? 8000);
const LAYERS: LayerSpec[] = [{ type: 'dense', units: D, activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' }];

const ROUNDS = Number(process.argv[3] ?? 5);

function makeConfig(): StepConfig {
  const model = makeTrainableModel(buildLayerModel(LAYERS, D, 1));
  return { model, loss: makeLoss('mse'), kernelRegularizer: null, activityRegularizer: null, optimizer: tf.train.sgd(0.01) };
}

function disposeConfig(cfg: StepConfig): void {
  cfg.optimizer.dispose();
  cfg.model.model.dispose();
}

/** One way to train: an epoch runner, its step count, and its clean-up. */
interface Contender {
  name: string;
  steps: number;
  epoch: () => Promise<void>;
  dispose: () => void;
}

function loopUpload(values: Float32Array, bs: number): Contender {
  const cfg = makeConfig();
  const feeder = new BatchFeeder(values, values, D, D, ROWS, bs, 1);
  const rng = createPrng(2);
  return {
    name: 'loop', steps: feeder.steps,
    epoch: async () => { await trainEpoch(cfg, feeder, rng, { epoch: 1, deadline: Infinity }); },
    dispose: () => disposeConfig(cfg),
  };
}

function loopGather(values: Float32Array, bs: number): Contender {
  const cfg = makeConfig();
  const x = tf.tensor2d(values, [ROWS, D]);
  const feeder = new BatchFeeder(values, values, D, D, ROWS, bs, 1);
  return {
    name: 'loop+gather', steps: feeder.steps,
    epoch: async () => {
      feeder.shuffle();
      const order = feeder.order;
      let acc: tf.Tensor = tf.keep(tf.scalar(0));
      for (let s = 0; s < feeder.steps; s++) {
        const sum = acc;
        const next = tf.tidy(() => {
          const idx = tf.tensor1d(order.subarray(s * bs, Math.min(ROWS, (s + 1) * bs)), 'int32');
          const xb = tf.gather(x, idx);
          return tf.add(sum, trainStep(cfg, xb, xb, 0));
        });
        acc.dispose();
        acc = tf.keep(next);
      }
      acc.dataSync();
      acc.dispose();
    },
    dispose: () => { x.dispose(); disposeConfig(cfg); },
  };
}

function fit(values: Float32Array, bs: number): Contender {
  const model = buildLayerModel(LAYERS, D, 1);
  const optimizer = tf.train.sgd(0.01);
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const x = tf.tensor2d(values, [ROWS, D]);
  return {
    name: 'model.fit', steps: Math.ceil(ROWS / bs),
    epoch: async () => { await model.fit(x, x, { batchSize: bs, epochs: 1, shuffle: true, verbose: 0 }); },
    dispose: () => { x.dispose(); model.dispose(); optimizer.dispose(); },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * ms per step of each contender: one warm-up epoch each, then ROUNDS rounds in which
 * every contender trains one epoch in turn; the median round is reported, so load from
 * other processes on the machine hits all contenders alike.
 */
async function race(contenders: Contender[]): Promise<number[]> {
  for (const c of contenders) await c.epoch();
  const times: number[][] = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    for (const [i, c] of contenders.entries()) {
      const t = performance.now();
      await c.epoch();
      times[i].push((performance.now() - t) / c.steps);
    }
  }
  contenders.forEach((c) => c.dispose());
  return times.map(median);
}

async function main(): Promise<void> {
  const values = new Float32Array(ROWS * D);
  generateData({ distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: ROWS, cols: D, seed: 7 }, values);
  console.log(`Dense(${D} -> ${D}) linear, MSE, SGD lr 0.01; ${ROWS} rows; median of ${ROUNDS} interleaved epochs; ms per training step`);
  console.log('backend  batch     loop  loop+gather  model.fit   fit/loop  gather/loop');
  for (const backend of ['wasm', 'cpu'] as const) {
    await loadBackend(backend);
    for (const bs of [8, 80]) {
      const [a, g, f] = await race([loopUpload(values, bs), loopGather(values, bs), fit(values, bs)]);
      console.log(
        `${backend.padEnd(7)}  ${String(bs).padStart(5)}  ${a.toFixed(3).padStart(7)}  ${g.toFixed(3).padStart(11)}  ${f.toFixed(3).padStart(9)}`
        + `  ${(f / a).toFixed(2).padStart(8)}x  ${(g / a).toFixed(2).padStart(10)}x`);
    }
  }
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

await main();
