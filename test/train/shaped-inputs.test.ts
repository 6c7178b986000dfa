import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DataSpec } from '../../src/config/types.js';
import { buildDataset } from '../../src/data/build-dataset.js';
import { buildLayerModel } from '../../src/train/build-model.js';
import { createTrainer } from '../../src/train/create-trainer.js';
import { makeTrainableModel } from '../../src/train/trainable-model.js';
import { prepareTrialData } from '../../src/train/trial-data.js';
import type { Dataset, TrialResult } from '../../src/train/types.js';
import { dense, makeTrial } from './helpers.js';

before(async () => {
  await tf.setBackend('cpu');
});

describe('shaped inputs reach the model reshaped', () => {
  it('a row of nIn flat values is the model\'s [batch, ...input_shape] input, and a shaped output comes back flat', () => {
    const model = buildLayerModel([{ type: 'conv2d', filters: 1, kernel_size: 1, use_bias: false, kernel_initializer: 'ones' }], 6, 0, [1, 3, 2]);
    const tm = makeTrainableModel(model);
    assert.deepEqual([tm.nIn, tm.nOut], [6, 3]);
    const flat = tf.tensor2d([[1, 2, 3, 4, 5, 6], [0, 1, 0, 1, 0, 1]]);
    const out = tm.forward(flat, false, 0).output;
    // A 1x1 convolution with a kernel of ones sums each position's two channels.
    assert.deepEqual(out.shape, [2, 3]);
    assert.deepEqual(Array.from(out.dataSync()), [3, 7, 11, 1, 1, 1]);
    const direct = model.predict(tf.reshape(flat, [2, 1, 3, 2])) as tf.Tensor;
    assert.deepEqual(Array.from(direct.dataSync()), Array.from(out.dataSync()));
    model.dispose();
  });

  it('feature normalization of shaped rows: per channel, each column getting its channel\'s stats', () => {
    // 4 rows, 2 positions x 2 channels, values c0 = row + position, c1 = 10 * (row + position); no target but the inputs.
    const rows = [0, 1, 2, 3].flatMap((r) => [r, 10 * r, r + 1, 10 * (r + 1)]);
    const ds: Dataset = {
      rows: 4, cols: 4, values: Float32Array.from(rows), columnNames: ['a', 'b', 'c', 'd'], inputCols: [0, 1, 2, 3], targetCols: [0, 1, 2, 3],
      trainRows: 3, autoencoder: true, inputShape: [2, 2],
    };
    const d = prepareTrialData(ds, 'feature');
    // Training rows' channel 0: 0, 1, 1, 2, 2, 3 -> mean 1.5, variance 11/12; channel 1 is ten times that.
    const std = Math.sqrt(11 / 12);
    assert.deepEqual(d.stats.inputShift, [1.5, 15, 1.5, 15]);
    assert.ok(d.stats.inputScale.every((s, k) => Math.abs(s - (k % 2 === 0 ? std : 10 * std)) < 1e-12));
    assert.ok(Math.abs(d.x[0] - (0 - 1.5) / std) < 1e-6 && Math.abs(d.x[3] - (10 - 15) / (10 * std)) < 1e-6);
    assert.deepEqual(d.inputShape, [2, 2]);
  });
});

describe('a fused group on shaped rows trains each trial alone', () => {
  it('reports every member as its solo run', async () => {
    const trainer = await createTrainer('cpu');
    const spec: DataSpec = { generate: { distribution: 'normal', mean: 0, std: 1, rows: 40, cols: 6, seed: 2 }, target: 'input', validation_split: 0.25, input_shape: [3, 2] };
    const data = buildDataset(spec);
    const trials = [1, 2].map((seed) => ({ ...makeTrial({ epochs: 2, batch_size: 8, seed }, { layers: [dense(2)] }, spec), idx: seed }));
    const reported = new Map<number, TrialResult>();
    await trainer.trainGroup({ runs: trials.map((t) => [t]) }, data, { onResult: (t, r) => reported.set(t.idx, r) });
    assert.deepEqual([...reported.keys()].sort(), [1, 2]);
    for (const t of trials) {
      const solo = await trainer.train(t, data);
      assert.equal(reported.get(t.idx)?.status, 'completed');
      assert.deepEqual(reported.get(t.idx)?.epochs.map((e) => e.loss), solo.epochs.map((e) => e.loss));
    }
  });
});
