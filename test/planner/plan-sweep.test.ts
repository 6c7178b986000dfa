import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridSize } from '../../src/planner/expand-grid.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { makeSpec } from './make-spec.js';

const GRID = `
parameters:
  optimizer: {values: [sgd, adam, rmsprop]}
  learning_rate: {values: [0.1, 0.01]}
  normalization: {values: [none, sample]}
  epochs: {value: 3}
`;

describe('planSweep: grid', () => {
  it('expands the cartesian product of the values', () => {
    const spec = makeSpec(GRID);
    const trials = planSweep(spec);
    assert.equal(trials.length, 12);
    assert.equal(gridSize(spec.parameters), 12);
    assert.deepEqual(trials.map((t) => t.idx), [...Array(12).keys()]);
    const combos = new Set(trials.map((t) => `${t.params.optimizer}/${t.params.learning_rate}/${t.params.normalization}`));
    assert.equal(combos.size, 12);
    assert.equal(new Set(trials.map((t) => t.key)).size, 12, 'every trial has its own key');
  });

  it('orders by sorted parameter name, the last name varying fastest', () => {
    const trials = planSweep(makeSpec(GRID));
    const row = (i: number) => [trials[i].params.learning_rate, trials[i].params.normalization, trials[i].params.optimizer];
    assert.deepEqual(row(0), [0.1, 'none', 'sgd']);
    assert.deepEqual(row(1), [0.1, 'none', 'adam']);
    assert.deepEqual(row(3), [0.1, 'sample', 'sgd']);
    assert.deepEqual(row(6), [0.01, 'none', 'sgd']);
    assert.deepEqual(row(11), [0.01, 'sample', 'rmsprop']);
  });

  it('does not depend on the order parameters are written in', () => {
    const reordered = `
parameters:
  epochs: {value: 3}
  normalization: {values: [none, sample]}
  learning_rate: {values: [0.1, 0.01]}
  optimizer: {values: [sgd, adam, rmsprop]}
`;
    assert.equal(JSON.stringify(planSweep(makeSpec(reordered))), JSON.stringify(planSweep(makeSpec(GRID))));
  });

  it('is deterministic: byte-identical JSON from two calls and two loads', () => {
    const a = JSON.stringify(planSweep(makeSpec(GRID)));
    const spec = makeSpec(GRID);
    assert.equal(JSON.stringify(planSweep(spec)), a);
    assert.equal(JSON.stringify(planSweep(spec)), a);
  });

  it('fills every knob with its default, learning_rate following the optimizer', () => {
    const trials = planSweep(makeSpec('parameters:\n  optimizer: {values: [sgd, adam, adamax, momentum]}\n'));
    assert.deepEqual(
      trials.map((t) => [t.params.optimizer, t.params.learning_rate]),
      [['sgd', 0.01], ['adam', 0.001], ['adamax', 0.002], ['momentum', 0.01]],
    );
    assert.deepEqual(trials[0].params, {
      activity_regularizer: null,
      batch_size: 32,
      early_stopping_patience: null,
      epochs: 10,
      kernel_regularizer: null,
      learning_rate: 0.01,
      loss: 'mse',
      momentum: 0.9,
      normalization: 'none',
      optimizer: 'sgd',
      seed: 0,
      weight_decay: 0,
    });
    assert.deepEqual(trials[0].train, trials[0].params);
    assert.deepEqual(Object.keys(trials[0].params), Object.keys(trials[0].params).slice().sort(), 'params keys are sorted');
  });

  it('weight_decay follows the optimizer too: adamw takes Keras\'s 0.004 unless the spec sets it', () => {
    const trials = planSweep(makeSpec('parameters:\n  optimizer: {values: [adam, AdamW]}\n'));
    assert.deepEqual(trials.map((t) => [t.params.optimizer, t.params.learning_rate, t.params.weight_decay]), [['adam', 0.001, 0], ['adamw', 0.001, 0.004]]);
    const set = planSweep(makeSpec('parameters:\n  optimizer: {values: [adam, adamw]}\n  weight_decay: {value: 0.01}\n'));
    assert.deepEqual(set.map((t) => t.train.weight_decay), [0.01, 0.01]);
  });

  it('a spec without parameters is one trial of defaults', () => {
    const trials = planSweep(makeSpec(''));
    assert.equal(trials.length, 1);
    assert.equal(trials[0].params.optimizer, 'sgd');
  });

  it('repeats through seed values: same settings, different seed and key', () => {
    const trials = planSweep(makeSpec('parameters:\n  seed: {values: [1, 2, 3]}\n  optimizer: {value: adam}\n'));
    assert.deepEqual(trials.map((t) => t.train.seed), [1, 2, 3]);
    assert.ok(trials.every((t) => t.train.optimizer === 'adam'));
    assert.equal(new Set(trials.map((t) => t.key)).size, 3);
  });

  it('caps a grid at run_cap, keeping the first trials of the full order', () => {
    const full = planSweep(makeSpec(GRID));
    const capped = planSweep(makeSpec(`run_cap: 5\n${GRID}`));
    assert.equal(capped.length, 5);
    assert.deepEqual(capped, full.slice(0, 5));
  });

  it('applies dotted parameters to the trial model and data, not to the spec', () => {
    const spec = makeSpec(`
model:
  layers:
    - {type: dense, units: 8, activation: relu}
    - {type: dense, units: input}
parameters:
  model.layers.0.activation: {values: [tanh, relu]}
  data.validation_split: {values: [0.2, 0.5]}
`);
    const trials = planSweep(spec);
    assert.equal(trials.length, 4);
    const t = trials[0];
    assert.equal(t.params['data.validation_split'], 0.2);
    assert.equal(t.params['model.layers.0.activation'], 'tanh');
    assert.equal(t.data.validation_split, 0.2);
    assert.ok('layers' in t.model && t.model.layers[0].type === 'dense' && t.model.layers[0].activation === 'tanh');
    assert.ok('layers' in trials[1].model && trials[1].model.layers[0].type === 'dense' && trials[1].model.layers[0].activation === 'relu');
    assert.equal(trials[2].data.validation_split, 0.5);
    // The spec and the other trials are untouched.
    assert.ok('layers' in spec.model && spec.model.layers[0].type === 'dense' && spec.model.layers[0].activation === 'relu');
    assert.equal(spec.data.validation_split, 0.3);
    assert.notEqual(trials[0].model, trials[1].model);
  });
});

describe('planSweep: trial keys', () => {
  it('gives the same trial the same key in two different sweeps', () => {
    const a = planSweep(makeSpec('name: first\nparameters:\n  learning_rate: {values: [0.1, 0.05]}\n  seed: {value: 4}\n'));
    const b = planSweep(makeSpec('name: second\nmethod: grid\nparameters:\n  seed: {values: [7, 4]}\n  learning_rate: {value: 0.05}\n'));
    assert.equal(a[1].key, b[1].key);
    assert.notEqual(a[0].key, b[0].key);
  });

  it('is the same whether a model value is written in place or swept', () => {
    const written = planSweep(makeSpec('model:\n  layers: [{type: dense, units: input, activation: tanh}]\n'));
    const swept = planSweep(makeSpec('parameters:\n  model.layers.0.activation: {values: [linear, tanh]}\n'));
    assert.equal(swept[1].key, written[0].key);
  });

  it('changes with the data', () => {
    const a = planSweep(makeSpec(''))[0].key;
    const b = planSweep(makeSpec('data:\n  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4, seed: 6}\n'))[0].key;
    assert.notEqual(a, b);
  });
});

const RANDOM = `
method: random
run_cap: 60
random_seed: 3
parameters:
  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  momentum: {distribution: uniform, min: 0.5, max: 0.9}
  epochs: {distribution: int_uniform, min: 2, max: 5}
  batch_size: {distribution: q_uniform, min: 8, max: 40, q: 8}
  optimizer: {distribution: categorical, values: [sgd, adam]}
  normalization: {values: [none, sample, feature]}
  loss: {value: mae}
`;

describe('planSweep: random', () => {
  it('draws run_cap distinct trials inside every bound', () => {
    const trials = planSweep(makeSpec(RANDOM));
    assert.equal(trials.length, 60);
    assert.equal(new Set(trials.map((t) => t.key)).size, 60);
    for (const { train } of trials) {
      assert.ok(train.learning_rate >= 0.0001 && train.learning_rate <= 0.1, `learning_rate ${train.learning_rate}`);
      assert.ok(train.momentum >= 0.5 && train.momentum <= 0.9, `momentum ${train.momentum}`);
      assert.ok([2, 3, 4, 5].includes(train.epochs), `epochs ${train.epochs}`);
      assert.ok([8, 16, 24, 32, 40].includes(train.batch_size), `batch_size ${train.batch_size}`);
      assert.ok(['sgd', 'adam'].includes(train.optimizer));
      assert.ok(['none', 'sample', 'feature'].includes(train.normalization));
      assert.equal(train.loss, 'mae');
    }
  });

  it('covers each range: every int and every list value turns up, log draws span decades', () => {
    const trials = planSweep(makeSpec(RANDOM));
    assert.deepEqual(new Set(trials.map((t) => t.train.epochs)), new Set([2, 3, 4, 5]));
    assert.deepEqual(new Set(trials.map((t) => t.train.normalization)), new Set(['none', 'sample', 'feature']));
    const lrs = trials.map((t) => t.train.learning_rate);
    assert.ok(Math.min(...lrs) < 0.001 && Math.max(...lrs) > 0.01, 'log-uniform draws reach both ends');
  });

  it('is seeded: same seed, same trials; another seed, other trials', () => {
    const a = JSON.stringify(planSweep(makeSpec(RANDOM)));
    assert.equal(JSON.stringify(planSweep(makeSpec(RANDOM))), a);
    const other = planSweep(makeSpec(RANDOM.replace('random_seed: 3', 'random_seed: 4')));
    assert.notEqual(JSON.stringify(other), a);
  });

  it('stops at the number of distinct points when the space is smaller than run_cap', () => {
    const trials = planSweep(makeSpec('method: random\nrun_cap: 50\nparameters:\n  optimizer: {values: [sgd, adam]}\n  seed: {values: [1, 2, 3]}\n'));
    assert.equal(trials.length, 6);
    assert.equal(new Set(trials.map((t) => t.key)).size, 6);
  });

  it('samples dotted parameters too', () => {
    const trials = planSweep(makeSpec('method: random\nrun_cap: 10\nparameters:\n  data.generate.std: {distribution: uniform, min: 0.5, max: 2}\n'));
    assert.equal(trials.length, 10);
    for (const t of trials) {
      assert.equal(t.data.generate?.distribution, 'normal');
      const std = t.data.generate?.distribution === 'normal' ? t.data.generate.std : NaN;
      assert.equal(std, t.params['data.generate.std']);
      assert.ok(std >= 0.5 && std <= 2);
    }
  });
});
