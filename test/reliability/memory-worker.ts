import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { createTrainer } from '../../src/train/create-trainer.js';
import { buildDataset } from '../../src/data/build-dataset.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { planSweep } from '../../src/planner/plan-sweep.js';

/**
 * Trains `trials` trials one after another in this worker thread, as a pool worker does,
 * and reports the TensorFlow.js tensor count and resident memory after each one.
 */
const { trials } = workerData as { trials: number };
const seeds = Array.from({ length: trials }, (_, i) => i + 1).join(', ');
const spec = `name: mem
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 200, cols: 8, seed: 3}
model:
  layers:
    - {type: dense, units: input}
parameters:
  seed: {values: [${seeds}]}
  optimizer: {value: adam}
  normalization: {value: sample}
  epochs: {value: 1}
  batch_size: {value: 16}
`;
const loaded = loadSpecText(spec, 'mem.yaml', process.cwd());
const planned = planSweep(loaded.spec);
const trainer = await createTrainer('wasm');
const dataset = buildDataset(planned[0].data, { shared: true });
const baseline = tf.memory().numTensors;
for (const trial of planned) {
  const r = await trainer.train(trial, dataset, { metric: loaded.spec.metric });
  parentPort!.postMessage({ status: r.status, tensors: tf.memory().numTensors, baseline, rss: process.memoryUsage().rss });
}
