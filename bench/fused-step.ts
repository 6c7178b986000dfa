/**
 * Per-trial cost of one training step of the seed's model, Dense(84 -> 84) linear, MSE,
 * adam, fused in a stack of K members versus alone (the solo loop, src/train/train-epoch.ts),
 * at batch 8 and 80, on the wasm backend, measured in one run. The figures behind
 * MAX_GROUP_RUNS (src/planner/fuse-groups.ts).
 * Engines: wide (one linear layer + MSE: src/train/fused/wide-linear-engine.ts, what the
 * seed model uses) and stacked (any dense stack: src/train/fused/stacked-engine.ts).
 * Usage: node dist/bench/fused-step.js [rows] [K,K,...] [optimizer] [wide,stacked]
 */
import * as tf from '@tensorflow/tfjs';
import { createPrng } from '../src/core/prng.js';
import { generateData } from '../src/data/generate-data.js';
import { BatchFeeder } from '../src/train/batch-feeder.js';
import { buildLayerModel } from '../src/train/build-model.js';
import { loadBackend } from '../src/train/load-backend.js';
import { regression } from '../src/tasks/regression.js';
import { makeLoss } from '../src/train/losses.js';
import { makeOptimizer, disposeOptimizer } from '../src/train/optimizers.js';
import { makeTrainableModel } from '../src/train/trainable-model.js';
import { trainEpoch } from '../src/train/train-epoch.js';
import { MemberBatches } from '../src/train/fused/member-batches.js';
import { StackedEngine } from '../src/train/fused/stacked-engine.js';
import { WideLinearEngine } from '../src/train/fused/wide-linear-engine.js';
import type { DenseLayerSpec, Optimizer } from '../src/config/types.js';

const D = 84;
const ROWS = Number(process.argv[2] ?? 4000);
const KS = (process.argv[3] ?? '1,9,14,27').split(',').map(Number);
const OPT = (process.argv[4] ?? 'adam') as Optimizer;
const ENGINES = (process.argv[5] ?? 'wide,stacked').split(',') as ('wide' | 'stacked')[];
const LAYERS: DenseLayerSpec[] = [{ type: 'dense', units: D, activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' }];

async function solo(values: Float32Array, bs: number): Promise<number> {
  const model = makeTrainableModel(buildLayerModel(LAYERS, D, 1));
  const optimizer = makeOptimizer({ optimizer: OPT, learning_rate: 0.001, momentum: 0.9, weight_decay: 0 });
  const cfg = { model, loss: makeLoss('mse'), kernelRegularizer: null, activityRegularizer: null, optimizer };
  const feeder = new BatchFeeder(values, values, D, D, ROWS, bs, 1);
  const rng = createPrng(2);
  await trainEpoch(cfg, feeder, rng, { epoch: 1, deadline: Infinity });
  const t = performance.now();
  await trainEpoch(cfg, feeder, rng, { epoch: 2, deadline: Infinity });
  const ms = (performance.now() - t) / feeder.steps;
  disposeOptimizer(optimizer);
  model.model.dispose();
  return ms;
}

async function fused(values: Float32Array, bs: number, k: number, engineKind: 'wide' | 'stacked'): Promise<number> {
  // Three feeders, as three normalizations would give.
  const feeders = [0, 1, 2].map((s) => new BatchFeeder(values, values, D, D, ROWS, bs, s));
  const memberFeeders = Array.from({ length: k }, (_, i) => feeders[i % 3]);
  const knobs = Array.from({ length: k }, (_, i) => ({
    seed: i, learning_rate: 0.001, momentum: 0.9, weight_decay: 0, kernel_regularizer: null,
    activity_regularizer: i % 3 === 1 ? { l2: 1e-4 } : null,
  }));
  const shape = { layers: LAYERS, nIn: D, nOut: D, trainRows: ROWS, batchSize: bs, steps: feeders[0].steps, task: regression, loss: 'mse' as const, optimizer: OPT };
  const engine = engineKind === 'wide'
    ? new WideLinearEngine(shape, knobs, memberFeeders, true)
    : new StackedEngine(shape, knobs, new MemberBatches(memberFeeders, D, D, true));
  const epoch = async () => {
    feeders.forEach((f) => f.shuffle());
    await engine.epoch({ epoch: 1, deadline: Infinity }, () => {});
  };
  await epoch();
  const t = performance.now();
  await epoch();
  const ms = (performance.now() - t) / feeders[0].steps;
  engine.dispose();
  return ms;
}

async function main(): Promise<void> {
  await loadBackend('wasm');
  const values = new Float32Array(ROWS * D);
  generateData({ distribution: 'normal', mean: 0, std: 1, rows: ROWS, cols: D, seed: 7 }, values);
  console.log(`backend ${tf.getBackend()}, ${ROWS} rows x ${D}, Dense(${D}) linear, mse, ${OPT}`);
  for (const bs of [8, 80]) {
    const s = await solo(values, bs);
    console.log(`batch ${bs}: solo loop ${(s * 1000).toFixed(1)} us/step per trial`);
    for (const engine of ENGINES) {
      for (const k of KS) {
        const f = await fused(values, bs, k, engine);
        console.log(`batch ${bs}: fused ${engine.padEnd(7)} K=${String(k).padStart(2)} ${(f * 1000).toFixed(0).padStart(6)} us/step, ${((f / k) * 1000).toFixed(1).padStart(6)} us/step per trial, ${(s / (f / k)).toFixed(1)}x solo`);
      }
    }
  }
}

await main();
