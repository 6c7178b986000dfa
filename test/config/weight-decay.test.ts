import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { specProblems } from '../helpers/spec-problems.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { planSweep } from '../../src/planner/plan-sweep.js';

const BASE = `name: s
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4}
model:
  layers: [{type: dense, units: input}]
`;

const load = (parameters: string) => loadSpecText(`${BASE}parameters:\n${parameters}`, 'spec.yaml', '/specs');

function problemsOf(parameters: string): string[] {
  return specProblems(() => load(parameters));
}

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
