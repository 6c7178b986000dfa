import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildDataset } from '../../src/data/build-dataset.js';
import { createTrainer } from '../../src/train/create-trainer.js';
import type { TrialResult } from '../../src/train/types.js';
import { makeTrial } from './helpers.js';

const TRAINER_URL = new URL('../../src/train/create-trainer.js', import.meta.url).href;

// A pool worker in miniature: receives a shared dataset and a trial, trains on wasm, posts the result.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.trainerUrl).then(async ({ createTrainer }) => {
  const trainer = await createTrainer('wasm');
  const result = await trainer.train(workerData.trial, workerData.dataset);
  parentPort.postMessage({ result, shared: workerData.dataset.values.buffer instanceof SharedArrayBuffer });
});
`;

test('a worker thread trains on a shared dataset and gets the same metrics as the main thread', async () => {
  const dataset = buildDataset({ generate: { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: 1500, cols: 84, seed: 7 }, target: 'input', validation_split: 0.3 }, { shared: true });
  const trial = makeTrial({ epochs: 2, batch_size: 16, normalization: 'sample' });
  const reply = await new Promise<{ result: TrialResult; shared: boolean }>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { trainerUrl: TRAINER_URL, trial, dataset } });
    w.once('message', (m) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
  assert.equal(reply.shared, true);
  assert.equal(reply.result.status, 'completed', reply.result.reason ?? '');
  assert.equal(reply.result.backend, 'wasm');
  assert.ok(reply.result.weights !== null && reply.result.weights.weightData.byteLength === (84 * 84 + 84) * 4, 'weights survive postMessage');
  const here = await (await createTrainer('wasm')).train(trial, dataset);
  assert.deepEqual(reply.result.final, here.final);
});
