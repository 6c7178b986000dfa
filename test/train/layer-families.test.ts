import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { DataSpec, LayerSpec } from '../../src/config/types.js';
import { buildDataset } from '../../src/data/build-dataset.js';
import { createTrainer } from '../../src/train/create-trainer.js';
import type { Dataset, Trainer } from '../../src/train/types.js';
import { dense, makeTrial, trainChecked } from './helpers.js';

/**
 * One small model per family of tf.layers layers, built from a spec's layer list and
 * trained for two epochs by the real trainer on the cpu backend (the wasm backend lacks
 * some gradient kernels). Each must complete with finite metrics, leave no tensor behind,
 * and repeat exactly with the same seed (noise layers and initializers are seeded).
 */

let trainer: Trainer;
const datasets = new Map<string, Dataset>();

before(async () => {
  trainer = await createTrainer('cpu');
});

/** 48 rows of `cols` uniform values; the last column is the target, the others shaped `shape`. */
function data(shape: number[], low = -1, high = 1): { spec: DataSpec; dataset: Dataset } {
  const nIn = shape.reduce((a, b) => a * b, 1);
  const spec: DataSpec = { generate: { distribution: 'uniform', low, high, rows: 48, cols: nIn + 1, seed: 3 }, target: [nIn], validation_split: 0.25, input_shape: shape };
  const key = JSON.stringify(spec);
  if (!datasets.has(key)) datasets.set(key, buildDataset(spec));
  return { spec, dataset: datasets.get(key)! };
}

const head = dense(1);

const FAMILIES: Record<string, { shape: number[]; layers: LayerSpec[]; range?: [number, number] }> = {
  'conv2d, max_pooling2d, flatten': {
    shape: [6, 6, 1],
    layers: [{ type: 'conv2d', filters: 2, kernel_size: 3, activation: 'relu', padding: 'same' }, { type: 'max_pooling2d', pool_size: 2 }, { type: 'flatten' }, head],
  },
  'separable_conv2d, depthwise_conv2d, global_average_pooling2d': {
    shape: [6, 6, 2],
    layers: [{ type: 'separable_conv2d', filters: 2, kernel_size: 3 }, { type: 'depthwise_conv2d', kernel_size: 2, depth_multiplier: 2 }, { type: 'global_average_pooling2d' }, head],
  },
  'conv2d_transpose, up_sampling2d, zero_padding2d, cropping2d, average_pooling2d, global_max_pooling2d': {
    shape: [3, 3, 1],
    layers: [
      { type: 'conv2d_transpose', filters: 2, kernel_size: 2 },
      { type: 'up_sampling2d', size: [2, 2] },
      { type: 'zero_padding2d', padding: 1 },
      { type: 'cropping2d', cropping: [[1, 1], [1, 1]] },
      { type: 'average_pooling2d', pool_size: 2 },
      { type: 'global_max_pooling2d' },
      head,
    ],
  },
  'conv1d, max_pooling1d, average_pooling1d, global_average_pooling1d': {
    shape: [8, 2],
    layers: [{ type: 'conv1d', filters: 3, kernel_size: 2 }, { type: 'max_pooling1d', pool_size: 2 }, { type: 'average_pooling1d', pool_size: 1 }, { type: 'global_average_pooling1d' }, head],
  },
  'lstm, gru, simple_rnn': {
    shape: [4, 2],
    layers: [{ type: 'lstm', units: 3, return_sequences: true }, { type: 'gru', units: 3, return_sequences: true }, { type: 'simple_rnn', units: 2 }, head],
  },
  'bidirectional, rnn with a cell, time_distributed': {
    shape: [4, 2],
    layers: [
      { type: 'bidirectional', layer: { type: 'lstm', units: 2, return_sequences: true }, merge_mode: 'concat' },
      { type: 'time_distributed', layer: { type: 'dense', units: 2 } },
      { type: 'rnn', cell: { type: 'gru_cell', units: 2 } },
      head,
    ],
  },
  'batch_normalization, layer_normalization, activation layers': {
    shape: [5],
    layers: [
      dense(4),
      { type: 'batch_normalization' },
      { type: 'activation', activation: 'tanh' },
      { type: 'layer_normalization' },
      { type: 're_lu' },
      { type: 'leaky_re_lu', alpha: 0.1 },
      { type: 'elu' },
      head,
    ],
  },
  'noise: gaussian_noise, gaussian_dropout, alpha_dropout, spatial_dropout1d': {
    shape: [4, 2],
    layers: [
      { type: 'gaussian_noise', stddev: 0.1 },
      { type: 'spatial_dropout1d', rate: 0.2 },
      { type: 'flatten' },
      { type: 'gaussian_dropout', rate: 0.2 },
      { type: 'alpha_dropout', rate: 0.1 },
      head,
    ],
  },
  'reshaping: reshape, permute, repeat_vector, flatten': {
    shape: [6],
    layers: [{ type: 'reshape', target_shape: [3, 2] }, { type: 'permute', dims: [2, 1] }, { type: 'flatten' }, { type: 'repeat_vector', n: 2 }, { type: 'lstm', units: 2 }, head],
  },
  'embedding of integer codes': {
    shape: [3],
    range: [0, 5],
    layers: [{ type: 'embedding', input_dim: 5, output_dim: 2 }, { type: 'flatten' }, head],
  },
  'seeded initializers, regularizers and constraints in options': {
    shape: [4, 4, 1],
    layers: [
      {
        type: 'conv2d', filters: 2, kernel_size: 2, kernel_initializer: { type: 'truncated_normal', stddev: 0.2 }, bias_initializer: 'ones',
        kernel_regularizer: { l2: 0.01 }, kernel_constraint: { type: 'max_norm', max_value: 2 }, bias_constraint: 'non_neg',
      },
      { type: 'flatten' },
      head,
    ],
  },
};

describe('every family of tf.layers layers trains from a spec on the cpu backend', () => {
  for (const [name, family] of Object.entries(FAMILIES)) {
    it(name, async () => {
      const [low, high] = family.range ?? [-1, 1];
      const { spec, dataset } = data(family.shape, low, high);
      const trial = makeTrial({ epochs: 2, batch_size: 8, optimizer: 'adam', learning_rate: 0.01, seed: 5 }, { layers: family.layers }, spec);
      const a = await trainChecked(trainer, trial, dataset);
      assert.equal(a.status, 'completed', `${a.status}: ${a.reason}`);
      assert.equal(a.epochs.length, 2);
      assert.ok(a.weights !== null && a.weights.weightSpecs.length > 0, 'weights saved');
      const b = await trainChecked(trainer, trial, dataset);
      assert.deepEqual(b.epochs.map((e) => e.loss), a.epochs.map((e) => e.loss), 'the same trial repeats exactly');
    });
  }
});
