import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SpecError } from '../../src/errors.js';
import { loadSpec, loadSpecText } from '../../src/config/load-spec.js';
import { MAX_SPEC_BYTES } from '../../src/config/read-spec-file.js';
import { GOOD_SPECS, REPO_ROOT } from './fixture-paths.js';
import { specProblems } from '../helpers/spec-problems.js';

const BASE = `
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4}
model:
  layers: [{type: dense, units: input}]
`;

function load(text: string) {
  return loadSpecText(text, 'spec.yaml', '/specs');
}

function problemsOf(text: string): string[] {
  return specProblems(() => load(text));
}

describe('loadSpecText: normalization', () => {
  it('fills the spec-level defaults', () => {
    const { spec } = load(`name: s\n${BASE}`);
    assert.equal(spec.method, 'grid');
    assert.equal(spec.random_seed, 0);
    assert.deepEqual(spec.metric, { name: 'val_r2', goal: 'maximize' });
    assert.deepEqual(spec.parameters, {});
    assert.equal(spec.data.validation_split, 0.3);
    assert.equal(spec.data.target, 'input');
    assert.deepEqual(spec.data.generate, { distribution: 'normal', mean: 1.1, std: 0.01, rows: 100, cols: 4, seed: 0 });
    assert.deepEqual(spec.model, {
      layers: [{ type: 'dense', units: 'input', activation: 'linear', use_bias: true, kernel_initializer: 'glorot_uniform', bias_initializer: 'zeros' }],
    });
    assert.equal(spec.run_cap, undefined);
    assert.equal(spec.early_terminate, undefined);
  });

  it('picks the metric goal from the metric unless given', () => {
    assert.equal(load(`name: s\nmetric: {name: val_mse}\n${BASE}`).spec.metric.goal, 'minimize');
    assert.equal(load(`name: s\nmetric: {name: val_mse, goal: maximize}\n${BASE}`).spec.metric.goal, 'maximize');
  });

  it('normalizes parameters: none becomes null, each form keeps its kind', () => {
    const { spec } = load(`name: s\nmethod: random\nrun_cap: 5\n${BASE}
parameters:
  activity_regularizer: {values: [none, {l1: 1.0e-5}]}
  early_stopping_patience: {value: none}
  optimizer: {distribution: categorical, values: [sgd, adam]}
  learning_rate: {distribution: q_uniform, min: 0.1, max: 0.5, q: 0.1}
`);
    assert.deepEqual(spec.parameters, {
      activity_regularizer: { kind: 'values', values: [null, { l1: 1e-5 }] },
      early_stopping_patience: { kind: 'value', value: null },
      learning_rate: { kind: 'distribution', distribution: 'q_uniform', min: 0.1, max: 0.5, q: 0.1 },
      optimizer: { kind: 'categorical', values: ['sgd', 'adam'] },
    });
  });

  it('keeps early_terminate with eta defaulting to 3', () => {
    const { spec } = load(`name: s\n${BASE}early_terminate: {type: hyperband, min_iter: 2}\n`);
    assert.deepEqual(spec.early_terminate, { type: 'hyperband', min_iter: 2, eta: 3 });
  });

  it('reads YAML 1.2 core scalars: NO stays a string, 010 is 10, .5 is 0.5', () => {
    const { spec } = load(`name: s\ndescription: NO\n${BASE.replace('rows: 100', 'rows: 010')}parameters:\n  momentum: {value: .5}\n`);
    assert.equal(spec.description, 'NO');
    assert.equal(spec.data.generate?.rows, 10);
    assert.deepEqual(spec.parameters.momentum, { kind: 'value', value: 0.5 });
  });

  it('fills a swept layer list with layer defaults, and refuses values equal after filling', () => {
    const text = `name: s\n${BASE}parameters:\n  model.layers: {values: [[{type: dense, units: input}], [{type: dense, units: 8}, {type: dense, units: input, activation: tanh}]]}\n`;
    const p = load(text).spec.parameters['model.layers'];
    assert.equal(p.kind, 'values');
    assert.equal(p.kind === 'values' && (p.values[0] as { activation: string }[])[0].activation, 'linear');
    const dup = `name: s\n${BASE}parameters:\n  model.layers: {values: [[{type: dense, units: input}], [{type: dense, units: input, activation: linear}]]}\n`;
    assert.deepEqual(
      problemsOf(dup).map((l) => l.replace(/^\d+:\d+ {2}/, '')),
      ['parameters.model.layers.values[1]: is the same as values[0] once defaults are filled in'],
    );
  });

  it('resolves data.path and model.module against the spec folder', () => {
    const { spec, source } = loadSpec(join(GOOD_SPECS, 'file-data.yaml'));
    assert.equal(spec.data.path, join(GOOD_SPECS, 'points.csv'));
    // The module's content hash comes along: an edited module is another sweep.
    const sha = createHash('sha256').update(readFileSync(join(GOOD_SPECS, 'build-model.mjs'))).digest('hex');
    assert.deepEqual(spec.model, { module: join(GOOD_SPECS, 'build-model.mjs'), module_sha256: sha });
    assert.deepEqual(spec.data.target, ['y']);
    assert.equal(source.dir, GOOD_SPECS.replace(/\/$/, ''));
    assert.equal(source.file, join(GOOD_SPECS, 'file-data.yaml'));
  });

  it('loads both example sweeps', () => {
    const quick = loadSpec(join(REPO_ROOT, 'sweeps/quickstart.yaml')).spec;
    assert.equal(quick.name, 'quickstart');
    assert.deepEqual(quick.parameters.normalization, { kind: 'values', values: ['none', 'sample', 'feature'] });
    const night = loadSpec(join(REPO_ROOT, 'sweeps/identity-overnight.yaml')).spec;
    assert.equal(night.data.generate?.rows, 139336);
    assert.equal(night.data.generate?.cols, 84);
  });
});

describe('loadSpecText: source hash', () => {
  it('is the sha256 of the normalized spec: comments and layout do not change it, values do', () => {
    const a = load(`name: s\n${BASE}`).source.hash;
    const b = load(`# a comment\nname: s   # trailing\n\n${BASE}`).source.hash;
    const c = load(`name: s\n${BASE.replace('rows: 100', 'rows: 101')}`).source.hash;
    assert.match(a, /^[0-9a-f]{64}$/);
    assert.equal(a, b);
    assert.notEqual(a, c);
    // Writing a default out explicitly is the same spec.
    assert.equal(load(`name: s\nmethod: grid\n${BASE}`).source.hash, a);
  });

  it('keeps the exact text', () => {
    const text = `name: s\n${BASE}`;
    assert.equal(load(text).source.yaml, text);
  });
});

describe('loadSpecText: problems', () => {
  it('reports every problem, sorted by position', () => {
    const lines = problemsOf(`name: s\nparameters:\n  epochs: {value: 0}\n  optimizer: {value: AdamWW}\n${BASE}`);
    assert.deepEqual(lines, [
      '3:19  parameters.epochs.value: expected a whole number from 1 to 1000000, got 0',
      `4:22  parameters.optimizer.value: expected one of sgd, momentum, adam, adamax, adagrad, adadelta, rmsprop, nag, nadam, adamw, lion, ftrl, got "AdamWW" (did you mean "adamw"?)`,
    ]);
  });

  it('checks a range against the knob: ends and typical draws', () => {
    const lines = problemsOf(`name: s\nmethod: random\nrun_cap: 3\n${BASE}parameters:\n  learning_rate: {distribution: uniform, min: -1, max: 1}\n  batch_size: {distribution: int_uniform, min: 8, max: 64}\n`);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /parameters\.learning_rate\.min: expected a positive number, got -1$/);
  });

  it('refuses a distribution that cannot draw what a dotted field takes', () => {
    const lines = problemsOf(`name: s\nmethod: random\nrun_cap: 3\n${BASE}parameters:\n  data.generate.rows: {distribution: uniform, min: 10, max: 20}\n`);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /data\.generate\.rows\.distribution: uniform can draw 17\.07106781, which is refused/);
  });

  it('re-validates cross-field rules for dotted values (uniform low < high)', () => {
    const text = `name: s\ndata:\n  generate: {distribution: uniform, low: 0, high: 1, rows: 10, cols: 2}\nmodel: {layers: [{type: dense, units: input}]}\nparameters:\n  data.generate.low: {values: [0.5, 2]}\n`;
    assert.deepEqual(problemsOf(text), ['6:37  parameters.data.generate.low.values[1]: makes data.generate.high invalid: expected high > low (2), got 1']);
  });

  it('refuses dotted paths that would change what a thing is', () => {
    const lines = problemsOf(`name: s\n${BASE}parameters:\n  model.layers.0.type: {value: dense}\n  data.generate.distribution: {value: normal}\n`);
    assert.equal(lines.length, 2);
    assert.match(lines[0], /model\.layers\.0\.type cannot be swept/);
    assert.match(lines[1], /data\.generate\.distribution cannot be swept/);
  });

  it('refuses overlapping dotted parameters', () => {
    const lines = problemsOf(`name: s\n${BASE}parameters:\n  model.layers: {values: [[{type: dense, units: input}]]}\n  model.layers.0.units: {values: [4]}\n`);
    assert.deepEqual(lines.map((l) => l.split('  ')[1]), ['parameters.model.layers.0.units: overlaps parameters.model.layers: sweep the whole or the part, not both']);
  });

  it('needs validation rows for a val_* metric', () => {
    const lines = problemsOf(`name: s\n${BASE.replace('cols: 4}', 'cols: 4}\n  validation_split: 0')}`);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /data\.validation_split: is 0, but metric val_r2 is measured on the validation rows/);
    assert.deepEqual(problemsOf(`name: s\nmetric: {name: loss}\n${BASE.replace('cols: 4}', 'cols: 4}\n  validation_split: 0')}`), []);
  });

  it('data.shuffle: absent or false keeps Keras order (no key, so trial keys stay); true is seed 0; a seed is kept', () => {
    const withShuffle = (v: string) => load(`name: s\n${BASE.replace('cols: 4}', `cols: 4}\n  shuffle: ${v}`)}`).spec.data;
    assert.equal('shuffle' in load(`name: s\n${BASE}`).spec.data, false);
    assert.equal('shuffle' in withShuffle('false'), false);
    assert.equal(withShuffle('true').shuffle, 0);
    assert.equal(withShuffle('12').shuffle, 12);
    const lines = problemsOf(`name: s\n${BASE.replace('cols: 4}', 'cols: 4}\n  shuffle: yes please')}`);
    assert.deepEqual(lines, ['5:12  data.shuffle: expected true, false or a seed (a whole number >= 0), got "yes please"']);
  });

  it('checks generated targets against the column count', () => {
    const lines = problemsOf(`name: s\n${BASE.replace('cols: 4}', 'cols: 4}\n  target: [0, 4, y, 0]')}`);
    assert.deepEqual(lines.map((l) => l.split('  ')[1]), [
      'data.target[1]: expected a column index below cols (4), got 4',
      'data.target[2]: generated data has no column names: expected a 0-based index, got "y"',
      'data.target[3]: repeats target[0]',
    ]);
  });

  it('points at an unknown key, not its value', () => {
    assert.deepEqual(problemsOf(`name: s\n${BASE}parameters:\n  seed: {values: [1], step: 2}\n`), [
      '8:23  parameters.seed.step: unknown key "step"; allowed keys: value, values, probabilities, distribution, min, max, q, mu, sigma',
    ]);
  });
});

describe('loadSpec: the file itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfsweep-spec-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const firstProblem = (file: string) => {
    try {
      loadSpec(file);
    } catch (e) {
      assert.ok(e instanceof SpecError);
      assert.equal(e.problems.length, 1);
      return e.problems[0];
    }
    assert.fail('expected a SpecError');
  };

  it('refuses a missing file at 1:1', () => {
    const p = firstProblem(join(dir, 'nope.yaml'));
    assert.deepEqual([p.line, p.col, p.message], [1, 1, 'no such file']);
  });

  it('refuses a file larger than the limit without parsing it', () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `name: big\n# ${'x'.repeat(MAX_SPEC_BYTES)}\n`);
    const p = firstProblem(big);
    assert.deepEqual([p.line, p.col], [1, 1]);
    assert.match(p.message, /more than the 1048576 bytes a spec may have/);
  });

  it('refuses binary content', () => {
    const bin = join(dir, 'bin.yaml');
    writeFileSync(bin, Buffer.from([0x6e, 0x3a, 0x00, 0x01]));
    assert.match(firstProblem(bin).message, /not a text file/);
  });
});
