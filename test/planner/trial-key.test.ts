import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTrainParams } from '../../src/config/defaults.js';
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
