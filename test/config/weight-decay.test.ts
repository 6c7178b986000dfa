import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadWithParameters, parameterProblems } from '../helpers/spec-problems.js';
import { planSweep } from '../../src/planner/plan-sweep.js';

const load = loadWithParameters;
const problemsOf = parameterProblems;

describe('weight_decay', () => {
  it('takes numbers >= 0, swept like any knob', () => {
    const spec = load(`  weight_decay: {values: [0, 0.004, 0.1]}\n`).spec;
    assert.deepEqual(planSweep(spec).map((t) => t.train.weight_decay), [0, 0.004, 0.1]);
  });

  it('refuses a negative number or a word', () => {
    assert.deepEqual(problemsOf(`  weight_decay: {values: [-0.1, none]}\n`), [
      '7:27  parameters.weight_decay.values[0]: expected a number >= 0, got -0.1',
      '7:33  parameters.weight_decay.values[1]: expected a number >= 0, got "none"',
    ]);
  });
});
