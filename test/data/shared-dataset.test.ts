import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { buildDataset } from '../../src/data/build-dataset.js';
import { datasetFromShared, toSharedDataset } from '../../src/data/shared-dataset.js';

// The worker rebuilds the dataset, checks it, and writes into the shared values: if the
// values had been copied by postMessage, the main thread would not see the write.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ds = workerData;
const sum = ds.values.reduce((a, b) => a + b, 0);
ds.values[0] = 12345;
parentPort.postMessage({ rows: ds.rows, cols: ds.cols, trainRows: ds.trainRows, sum, shared: ds.values.buffer instanceof SharedArrayBuffer });
`;

test('a shared dataset crosses to a worker thread without a copy', async () => {
  const ds = toSharedDataset(buildDataset({ generate: { distribution: 'uniform', low: 0, high: 1, rows: 100, cols: 5, seed: 3 }, target: 'input', validation_split: 0.3 }));
  const expected = ds.values.reduce((a, b) => a + b, 0);
  const reply = await new Promise<{ rows: number; cols: number; trainRows: number; sum: number; shared: boolean }>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: ds });
    w.once('message', (m) => { resolve(m); void w.terminate(); });
    w.once('error', reject);
  });
  assert.equal(reply.shared, true);
  assert.equal(reply.rows, 100);
  assert.equal(reply.trainRows, 70);
  assert.ok(Math.abs(reply.sum - expected) < 1e-3);
  assert.equal(ds.values[0], 12345, 'the worker wrote into the same memory');
});

test('datasetFromShared checks the shape and keeps the shared values', () => {
  const ds = toSharedDataset(buildDataset({ generate: { distribution: 'uniform', low: 0, high: 1, rows: 4, cols: 2, seed: 3 }, target: [1], validation_split: 0 }));
  const copy = datasetFromShared(structuredClone(ds));
  assert.deepEqual(copy.targetCols, [1]);
  assert.deepEqual(copy.inputCols, [0]);
  assert.equal(copy.autoencoder, false);
  assert.throws(() => datasetFromShared({ ...ds, rows: 5 }), /expected 5 x 2 float32 values/);
});
