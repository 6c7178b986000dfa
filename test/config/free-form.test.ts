import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadSpecText } from '../../src/config/load-spec.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { moduleParams } from '../../src/train/user-model.js';
import { tempDir } from '../helpers/cli.js';
import { specProblems } from '../helpers/spec-problems.js';

const dir = tempDir('tfsweep-free-');
writeFileSync(path.join(dir, 'd.csv'), 'a,b,y\n1,2,3\n4,5,6\n7,8,9\n1,1,1\n');
writeFileSync(path.join(dir, 'm.mjs'), 'export function build(p, tf) { return tf.sequential(); }\n');
const DATA = 'data: {path: d.csv, target: [y], validation_split: 0.25}\n';
const MODULE = `name: s\n${DATA}model: {module: ./m.mjs}\n`;
const LAYERS = `name: s\n${DATA}model:\n  layers:\n    - {type: dense, units: "\${hidden}", activation: "\${act}"}\n    - {type: dense, units: 1}\n`;

function load(text: string) {
  return loadSpecText(text, 'spec.yaml', dir);
}
function problems(text: string): string[] {
  return specProblems(() => load(text));
}

test('free-form parameters reach a module: any YAML value, lists as one choice, nested W&B groups as nested objects', () => {
  const { spec } = load(`${MODULE}parameters:
  hidden_size: {values: [[64, 32], [128]]}
  use_bn: {value: true}
  learning-rate: {value: 0.05}
  optimizer:
    parameters:
      momentum: {values: [0.8, 0.9]}
`);
  assert.deepEqual(spec.knobs, { 'learning-rate': 'learning_rate' });
  const trials = planSweep(spec);
  assert.equal(trials.length, 4);
  assert.deepEqual(trials.map((t) => t.params.hidden_size), [[64, 32], [64, 32], [128], [128]]);
  // The alias drives the knob and keeps its own name for the module.
  assert.ok(trials.every((t) => t.train.learning_rate === 0.05 && t.params['learning-rate'] === 0.05));
  const mp = moduleParams(trials[1].params);
  assert.deepEqual((mp.optimizer as Record<string, unknown>).momentum, 0.9);
  assert.equal(mp.use_bn, true);
  // Free-form values are part of the trial key: every trial differs.
  assert.equal(new Set(trials.map((t) => t.key)).size, 4);
});

test('${name} references put a parameter into a layer list; its values are checked where they land', () => {
  const { spec } = load(`${LAYERS}parameters:\n  hidden: {values: [4, 8]}\n  act: {value: tanh}\n`);
  const trials = planSweep(spec);
  assert.deepEqual(trials.map((t) => ('layers' in t.model && t.model.layers[0].type === 'dense' ? [t.model.layers[0].units, t.model.layers[0].activation] : null)), [[4, 'tanh'], [8, 'tanh']]);
  // The same trial written literally has the same key.
  const literal = planSweep(load(`name: s\n${DATA}model:\n  layers:\n    - {type: dense, units: 8, activation: tanh}\n    - {type: dense, units: 1}\n`).spec);
  assert.equal(trials[1].key.length, 16);
  assert.ok(literal[0].key.length === 16);
  assert.deepEqual(problems(`${LAYERS}parameters:\n  hidden: {values: [4, -1]}\n  act: {value: tanh}\n`).map((l) => l.split('  ')[1].split(':')[0]), ['parameters.hidden.values[1]']);
  const none = problems(`${LAYERS}parameters:\n  hiden: {values: [4]}\n  act: {value: tanh}\n`);
  assert.deepEqual(none.map((l) => l.replace(/ \(did.*|: unknown parameter.*/, '')), ['5:28  model.layers[0].units: ${hidden} refers to no parameter', '8:3  parameters.hiden']);
  assert.match(none[0], /did you mean "hiden"\?/);
});

test('refused: an unused free-form parameter with a layer list, two parameters for one knob, a clash of columns, a bad name', () => {
  const base = `name: s\n${DATA}model:\n  layers: [{type: dense, units: 1}]\n`;
  assert.match(problems(`${base}parameters:\n  dropout: {value: 0.1}\n`)[0], /parameters\.dropout: unknown parameter "dropout".*otherwise sweeping it would change nothing/);
  assert.match(problems(`${base}parameters:\n  lr: {value: 0.1}\n  learning_rate: {value: 0.2}\n`)[0], /learning_rate and lr both drive the training knob learning_rate|lr and learning_rate both drive/);
  assert.match(problems(`${MODULE}parameters:\n  hidden-size: {value: 1}\n  hidden_size: {value: 2}\n`)[0], /hidden-size and hidden_size would share the results column hidden_size/);
  assert.match(problems(`${MODULE}parameters:\n  "my lr": {value: 1}\n`)[0], /parameter names are letters, digits, _, - and \./);
  assert.match(problems(`${base}parameters:\n  lr: {value: -1}\n`)[0], /parameters\.lr\.value: expected a positive number, got -1/);
  // knobs: names the parameter that drives a knob.
  const { spec } = load(`${MODULE}knobs: {learning_rate: step_size}\nparameters:\n  step_size: {value: 0.3}\n`);
  assert.equal(planSweep(spec)[0].train.learning_rate, 0.3);
  assert.match(problems(`${MODULE}knobs: {learning_rate: nope}\nparameters:\n  step_size: {value: 0.3}\n`).join('\n'), /knobs\.learning_rate: names no parameter/);
});

test("a module's content is part of its trials' keys: an edited module is not the old one", () => {
  const before = planSweep(load(MODULE).spec)[0].key;
  writeFileSync(path.join(dir, 'm.mjs'), 'export function build(p, tf) { return tf.sequential({ name: "edited" }); }\n');
  const after = planSweep(load(MODULE).spec)[0].key;
  assert.notEqual(after, before);
});

test('nested parameters are located in the file where they are written', () => {
  const lines = problems(`${MODULE}parameters:\n  optimizer:\n    parameters:\n      lr: {valeu: -2}\n`);
  assert.ok(lines.length >= 1 && lines.every((l) => /^7:\d+ {2}parameters\.optimizer\.parameters\.lr/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /lr\.valeu: unknown key "valeu" \(did you mean "value"\?\)/.test(l)));
});
