import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LEARNING_RATES, resolveTrainParams } from '../../src/config/defaults.js';
import { OPTIMIZERS } from '../../src/config/types.js';

describe('defaults', () => {
  it('has a Keras learning rate for every optimizer', () => {
    assert.deepEqual(Object.keys(DEFAULT_LEARNING_RATES).sort(), [...OPTIMIZERS].sort());
    assert.equal(DEFAULT_LEARNING_RATES.sgd, 0.01);
    assert.equal(DEFAULT_LEARNING_RATES.adam, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.adamax, 0.002);
  });

  it('fills every knob, keeping what is given', () => {
    assert.deepEqual(resolveTrainParams({ epochs: 3, optimizer: 'rmsprop' }), {
      optimizer: 'rmsprop',
      learning_rate: 0.001,
      momentum: 0.9,
      epochs: 3,
      batch_size: 32,
      loss: 'mse',
      normalization: 'none',
      activity_regularizer: null,
      kernel_regularizer: null,
      seed: 0,
      early_stopping_patience: null,
    });
    assert.equal(resolveTrainParams({ optimizer: 'adam', learning_rate: 0.5 }).learning_rate, 0.5);
  });
});
