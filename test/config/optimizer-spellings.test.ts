import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PARAMETERS_BASE, loadWithParameters, parameterProblems } from '../helpers/spec-problems.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { OPTIMIZER_SPELLINGS, OPTIMIZERS } from '../../src/config/types.js';
import { planSweep } from '../../src/planner/plan-sweep.js';

const load = loadWithParameters;
const problemsOf = parameterProblems;

describe('optimizer names as Keras spells them', () => {
  it('accepts Keras class names in any letter case and stores the canonical name', () => {
    const spec = load(`  optimizer: {values: [Adam, AdamW, NAdam, RMSprop, SGD, Adagrad, Adadelta, Adamax, Ftrl, Lion, NAG, Momentum]}\n`).spec;
    assert.deepEqual(spec.parameters.optimizer, {
      kind: 'values',
      values: ['adam', 'adamw', 'nadam', 'rmsprop', 'sgd', 'adagrad', 'adadelta', 'adamax', 'ftrl', 'lion', 'nag', 'momentum'],
    });
    const trials = planSweep(spec);
    assert.deepEqual(trials.map((t) => t.train.optimizer), spec.parameters.optimizer.values);
    assert.deepEqual(trials.map((t) => t.params.optimizer), spec.parameters.optimizer.values);
  });

  it('a spelling is the same spec, the same trials and the same keys as the canonical name', () => {
    const keras = load(`  optimizer: {value: Nadam}\n  learning_rate: {values: [0.01, 0.001]}\n`);
    const canonical = load(`  optimizer: {value: nadam}\n  learning_rate: {values: [0.01, 0.001]}\n`);
    assert.equal(keras.source.hash, canonical.source.hash);
    assert.deepEqual(planSweep(keras.spec), planSweep(canonical.spec));
  });

  it('every spelling the JSON Schema lists names an optimizer', () => {
    for (const s of OPTIMIZER_SPELLINGS) assert.ok((OPTIMIZERS as readonly string[]).includes(s.toLowerCase()), s);
  });

  it('works in categorical draws', () => {
    const spec = loadSpecText(`${PARAMETERS_BASE}method: random\nrun_cap: 4\nparameters:\n  optimizer: {distribution: categorical, values: [AdamW, SGD]}\n`, 'spec.yaml', '/specs').spec;
    assert.deepEqual(spec.parameters.optimizer, { kind: 'categorical', values: ['adamw', 'sgd'] });
  });

  it('refuses two spellings of one optimizer in a list: they would be the same trial twice', () => {
    assert.deepEqual(problemsOf(`  optimizer: {values: [adam, Adam]}\n`), [
      '7:30  parameters.optimizer.values[1]: repeats values[0]: each value may be listed once',
    ]);
  });

  it('refuses an unknown name, suggesting the closest, whatever its case', () => {
    const list = OPTIMIZERS.join(', ');
    assert.deepEqual(problemsOf(`  optimizer: {values: [sgd, NAdamm, lamb, 3]}\n`), [
      `7:29  parameters.optimizer.values[1]: expected one of ${list}, got "NAdamm" (did you mean "nadam"?)`,
      `7:37  parameters.optimizer.values[2]: expected one of ${list}, got "lamb"`,
      `7:43  parameters.optimizer.values[3]: expected one of ${list}, got 3`,
    ]);
  });
});
