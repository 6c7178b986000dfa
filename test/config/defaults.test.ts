import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LEARNING_RATES, DEFAULT_WEIGHT_DECAY, resolveTrainParams } from '../../src/config/defaults.js';
import { OPTIMIZERS } from '../../src/config/types.js';

describe('defaults', () => {
  it('has a Keras learning rate for every optimizer', () => {
    assert.deepEqual(Object.keys(DEFAULT_LEARNING_RATES).sort(), [...OPTIMIZERS].sort());
    assert.equal(DEFAULT_LEARNING_RATES.sgd, 0.01);
    assert.equal(DEFAULT_LEARNING_RATES.adam, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.adamax, 0.002);
    // Keras 3's constructors (keras/src/optimizers/{nadam,adamw,lion,ftrl,sgd}.py).
    assert.equal(DEFAULT_LEARNING_RATES.nadam, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.adamw, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.lion, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.ftrl, 0.001);
    assert.equal(DEFAULT_LEARNING_RATES.nag, 0.01);
  });

  it('weight decay is off unless given, except adamw\'s Keras default 0.004; an explicit value wins', () => {
    assert.deepEqual(DEFAULT_WEIGHT_DECAY, { adamw: 0.004 });
    for (const optimizer of OPTIMIZERS) {
      assert.equal(resolveTrainParams({ optimizer }).weight_decay, optimizer === 'adamw' ? 0.004 : 0, optimizer);
      assert.equal(resolveTrainParams({ optimizer, weight_decay: 0.1 }).weight_decay, 0.1, optimizer);
    }
    assert.equal(resolveTrainParams({ optimizer: 'adamw', weight_decay: 0 }).weight_decay, 0);
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
      weight_decay: 0,
    });
    assert.equal(resolveTrainParams({ optimizer: 'adam', learning_rate: 0.5 }).learning_rate, 0.5);
  });
});
