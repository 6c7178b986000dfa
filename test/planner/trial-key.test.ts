import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTrainParams } from '../../src/config/defaults.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { trialKey } from '../../src/planner/trial-key.js';
import type { DataSpec, ModelSpec, ParamValue } from '../../src/config/types.js';

const model: ModelSpec = { layers: [{ type: 'dense', units: 'input', activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' }] };
const data: DataSpec = { generate: { distribution: 'uniform', low: 0, high: 1, rows: 10, cols: 3, seed: 0 }, target: 'input', validation_split: 0.3 };
const params = resolveTrainParams({}) as unknown as Record<string, ParamValue>;

describe('trialKey', () => {
  it('is 16 hex characters and stable', () => {
    const k = trialKey(params, model, data);
    assert.match(k, /^[0-9a-f]{16}$/);
    assert.equal(trialKey(params, model, data), k);
  });

  it('does not depend on key order', () => {
    const reversed = Object.fromEntries(Object.entries(params).reverse());
    const dataReversed = Object.fromEntries(Object.entries(data).reverse()) as unknown as DataSpec;
    assert.equal(trialKey(reversed, model, dataReversed), trialKey(params, model, data));
  });

  it('changes with any knob, the model or the data', () => {
    const k = trialKey(params, model, data);
    assert.notEqual(trialKey({ ...params, seed: 1 }, model, data), k);
    assert.notEqual(trialKey({ ...params, activity_regularizer: { l1: 1e-5 } }, model, data), k);
    assert.notEqual(trialKey(params, { module: '/m.js' }, data), k);
    assert.notEqual(trialKey(params, model, { ...data, validation_split: 0.2 }), k);
  });

  it('ignores dotted entries of params: they are already in model/data', () => {
    assert.equal(trialKey({ ...params, 'data.validation_split': 0.3 }, model, data), trialKey(params, model, data));
  });
});

/**
 * Keys computed before the weight_decay knob existed (commit 6da7688), for a spec that does
 * not set it: stored sweeps resume against their plan's keys and --reuse finds results by
 * key, so these must never change.
 */
describe('trialKey: keys of sweeps planned before weight_decay', () => {
  const yaml = `name: pinned
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4, seed: 5}
model:
  layers: [{type: dense, units: input}]
parameters:
  optimizer: {values: [sgd, momentum, adam, adamax, adagrad, adadelta, rmsprop]}
  learning_rate: {values: [0.01]}
  kernel_regularizer: {values: [none, {l2: 0.001}]}
`;
  const PINNED = [
    'bf6336d4f89f51cf', '6191c18c6f580728', '29007127a9b0cc54', '789fe8c76064d9f2', '4e42a801d1d8f4a3', '97aa6acba8253443', '2d8bd34d5bbd55b4',
    'be4764645637f911', 'cb450e93a18bb87f', '09329b576823b8de', '80aee6c5b868fe0c', '688e5fa44695e661', '592667fcd9379924', '68058b45971c99e4',
  ];

  it('are unchanged, and so is the spec hash', () => {
    const loaded = loadSpecText(yaml, 'pinned.yaml', '/specs');
    const trials = planSweep(loaded.spec);
    assert.deepEqual(trials.map((t) => t.key), PINNED);
    assert.equal(loaded.source.hash, '4e343a1c84f1bb3affe154aea6930cd410d6c7b05ba453edc2b5078c746471d5');
    assert.ok(trials.every((t) => t.params.weight_decay === 0), 'the knob is in params, at its off value');
  });

  it('weight_decay 0 hashes as its absence (stored params of old trials lack it); any other value counts', () => {
    const { weight_decay: _off, ...before } = params;
    assert.equal(trialKey({ ...params, weight_decay: 0 }, model, data), trialKey(before, model, data));
    assert.notEqual(trialKey({ ...params, weight_decay: 0.004 }, model, data), trialKey(before, model, data));
  });

  it('adamw\'s default decay is part of its key: adamw without decay is another trial', () => {
    const adamw = resolveTrainParams({ optimizer: 'adamw' }) as unknown as Record<string, ParamValue>;
    assert.equal(adamw.weight_decay, 0.004);
    assert.notEqual(trialKey(adamw, model, data), trialKey({ ...adamw, weight_decay: 0 }, model, data));
  });
});
