import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describePlan } from '../../src/planner/plan-summary.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { summarizeParameters } from '../../src/planner/swept.js';
import { makeSpec } from './make-spec.js';

describe('summarizeParameters', () => {
  it('splits params into swept (values in plan order) and fixed', () => {
    const spec = makeSpec('parameters:\n  optimizer: {values: [adam, sgd]}\n  epochs: {value: 4}\n');
    const { swept, fixed } = summarizeParameters(spec, planSweep(spec));
    // learning_rate follows the optimizer's default, so it varies too.
    assert.deepEqual(swept, [
      { name: 'learning_rate', values: [0.001, 0.01], source: 'default' },
      { name: 'optimizer', values: ['adam', 'sgd'], source: 'values' },
    ]);
    assert.deepEqual(fixed.find((f) => f.name === 'epochs'), { name: 'epochs', value: 4 });
    assert.equal(fixed.length, 10);
  });

  it('shows adamw\'s default weight decay as swept beside other optimizers', () => {
    const spec = makeSpec('parameters:\n  optimizer: {values: [adamw, adam]}\n');
    const { swept } = summarizeParameters(spec, planSweep(spec));
    assert.deepEqual(swept.find((p) => p.name === 'weight_decay'), { name: 'weight_decay', values: [0.004, 0], source: 'default' });
  });

  it('names the distribution a random parameter is drawn from', () => {
    const spec = makeSpec('method: random\nrun_cap: 12\nparameters:\n  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 0.1}\n');
    const { swept } = summarizeParameters(spec, planSweep(spec));
    assert.equal(swept[0].source, 'log_uniform_values [0.0001, 0.1]');
    assert.equal(swept[0].values.length, 12);
    const lines = describePlan(spec, planSweep(spec));
    assert.ok(lines.some((l) => /^ {2}learning_rate +12 distinct values drawn from log_uniform_values \[0\.0001, 0\.1\]$/.test(l)), lines.join('\n'));
  });
});

describe('describePlan', () => {
  it('states the count and how it came about', () => {
    const spec = makeSpec('run_cap: 3\nparameters:\n  seed: {values: [1, 2, 3, 4]}\n');
    const lines = describePlan(spec, planSweep(spec));
    assert.equal(lines[0], 'test: 3 trials (grid of 4, capped by run_cap 3)');
    assert.equal(lines[1], 'data:   generate normal(mean 1.1, std 0.01), 100 x 4, seed 5; target input (autoencoder); validation_split 0.3');
    assert.equal(lines[2], 'model:  dense(input, linear)');
    assert.equal(lines[3], 'metric: val_r2 (maximize)');
    assert.ok(lines.includes('swept (1):'));
    assert.ok(lines.includes('  seed                     1, 2, 3'), lines.join('\n'));
  });

  it('shows any layer with its written options, and the input shape', () => {
    const spec = makeSpec(`data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 100, cols: 8, seed: 5}
  input_shape: [4, 2]
model:
  layers: [{type: conv1d, filters: 2, kernel_size: [2]}, {type: bidirectional, layer: {type: lstm, units: 2}}, {type: dropout, rate: 0.1}, {type: dense, units: input}]
`);
    const lines = describePlan(spec, planSweep(spec));
    assert.equal(lines[1], 'data:   generate normal(mean 0, std 1), 100 x 8, seed 5; target input (autoencoder); input_shape [4, 2]; validation_split 0.3');
    assert.equal(lines[2], 'model:  conv1d(filters 2, kernel_size [2]) -> bidirectional(layer type=lstm,units=2) -> dropout(0.1) -> dense(input, linear)');
  });
});
