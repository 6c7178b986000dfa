import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';

/**
 * Mistakes in a user's own data are refused by `plan` and by `run` before anything is
 * created: located in the spec, exit 2, no database written.
 */

const CSV = `size,rooms,price
50,2,100
60,3,120
70,3,130
80,4,160
90,4,170
100,5,200
110,5,210
120,6,240
`;

function spec(opts: { target?: string; layers?: string; extra?: string } = {}): string {
  return `name: house
data:
  path: ./houses.csv
  target: ${opts.target ?? '[price]'}
  validation_split: 0.25
model:
  layers:
${opts.layers ?? '    - {type: dense, units: 1}'}
parameters:
  learning_rate: {values: [0.01, 0.001]}
  epochs: {value: 1}
  batch_size: {value: 2}
${opts.extra ?? ''}`;
}

async function refusedEverywhere(files: Record<string, string>, located: RegExp): Promise<void> {
  const dir = tempProject(files);
  const plan = await runCli(['plan', 'house.yaml'], { cwd: dir });
  assert.equal(plan.code, 2, plan.stdout + plan.stderr);
  assert.match(plan.stderr, located);
  const run = await runCli(['run', 'house.yaml'], { cwd: dir });
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, located);
  assert.ok(!existsSync(path.join(dir, 'results')), 'run created nothing');
}

test('a model whose output does not fit the targets is refused at plan time, located at the last layer', async () => {
  await refusedEverywhere(
    { 'house.yaml': spec({ layers: '    - {type: dense, units: 32}' }), 'houses.csv': CSV },
    /house\.yaml:8:\d+ +model\.layers\[0\]\.units: the model outputs 32 values per row but the data has 1 target column \(price\): the last dense layer needs units: 1/,
  );
});

function moduleSpec(): string {
  return spec().replace('  layers:\n    - {type: dense, units: 1}', '  module: ./model.mjs');
}

test('a model module is built at plan time: wrong output width, or a build() that throws, is refused before run creates anything', async () => {
  const wide = `export function build(params, tf) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 3, inputShape: [2] }));
  return m;
}
`;
  await refusedEverywhere(
    { 'house.yaml': moduleSpec(), 'houses.csv': CSV, 'model.mjs': wide },
    /house\.yaml:7:\d+ +model\.module: the model outputs 3 values per row but the data has 1 target column \(price\)/,
  );
  const throws = `export function build(params) { throw new Error('no layer for lr ' + params.learning_rate); }\n`;
  await refusedEverywhere(
    { 'house.yaml': moduleSpec(), 'houses.csv': CSV, 'model.mjs': throws },
    /house\.yaml:7:\d+ +model\.module: build\(\) failed with trial 0's parameters: no layer for lr 0\.01/,
  );
  const fits = wide.replace('units: 3', 'units: 1');
  const dir = tempProject({ 'house.yaml': moduleSpec(), 'houses.csv': CSV, 'model.mjs': fits });
  const plan = await runCli(['plan', 'house.yaml'], { cwd: dir });
  assert.equal(plan.code, 0, plan.stderr);
});

test('a misspelled target column is refused with a did-you-mean, located at the name', async () => {
  await refusedEverywhere(
    { 'house.yaml': spec({ target: '[Price]' }), 'houses.csv': CSV },
    /house\.yaml:4:\d+ +data\.target\[0\]: .*no column named "Price".*did you mean "price"\?/,
  );
});

test('a text column among the inputs is refused, located at data.path', async () => {
  await refusedEverywhere(
    { 'house.yaml': spec(), 'houses.csv': CSV.replace('60,3,120', 'sixty,3,120') },
    /house\.yaml:3:\d+ +data\.path: .*/,
  );
});

test('a fitting spec plans and runs', async () => {
  const dir = tempProject({ 'house.yaml': spec(), 'houses.csv': CSV });
  const plan = await runCli(['plan', 'house.yaml'], { cwd: dir });
  assert.equal(plan.code, 0, plan.stderr);
  const run = await runCli(['run', 'house.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
});

test('a run in which no trial completes exits 3; a changed spec is refused with exit 2; rm removes a sweep only with --yes', async () => {
  const dir = tempProject({ 'house.yaml': spec({ extra: '  optimizer: {value: sgd}\n' }).replace('learning_rate: {values: [0.01, 0.001]}', 'learning_rate: {values: [1.0e+12, 1.0e+13]}'), 'houses.csv': CSV });
  const run = await runCli(['run', 'house.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(run.code, 3, run.stderr);
  assert.match(run.stderr, /no trial of 'house' completed \(0 failed, 2 diverged, 0 timed out\)/);
  writeFileSync(path.join(dir, 'house.yaml'), spec());
  const changed = await runCli(['run', 'house.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(changed.code, 2, changed.stderr);
  const ask = await runCli(['rm', 'house'], { cwd: dir });
  assert.equal(ask.code, 2);
  assert.match(ask.stderr, /would remove 'house' \(2 trials, completed\) .*add --yes/);
  const rm = await runCli(['rm', 'house', '--yes'], { cwd: dir });
  assert.equal(rm.code, 0, rm.stderr);
  const ls = await runCli(['ls', '--format', 'json'], { cwd: dir });
  assert.deepEqual(JSON.parse(ls.stdout), []);
  const again = await runCli(['run', 'house.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
});

test('the database is found from a subfolder, the way git finds its repository; none anywhere says where it looked', async () => {
  const dir = tempProject({ 'house.yaml': spec(), 'houses.csv': CSV });
  mkdirSync(path.join(dir, 'notes'));
  const run = await runCli(['run', 'house.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(run.code, 0, run.stderr);
  const top = await runCli(['top', 'house', '--format', 'json'], { cwd: path.join(dir, 'notes') });
  assert.equal(top.code, 0, top.stderr);
  assert.equal(JSON.parse(top.stdout).length, 2);
  const none = tempProject({ 'a.txt': 'x' });
  const ls = await runCli(['ls'], { cwd: none });
  assert.equal(ls.code, 1);
  assert.match(ls.stderr, /no results database at .*, nor a results\/tfsweep\.db in any folder above it .*--db/);
});

test('a bad flag value reads like every other tfsweep error: prefixed, on stderr, exit 2', async () => {
  const r = await runCli(['run', 'house.yaml', '--workers', '0'], { cwd: tempProject({}) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^tfsweep: option '--workers <n>' argument '0' is invalid\. expected a positive integer\n$/);
});
