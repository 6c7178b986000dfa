import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSpecText } from '../../src/config/load-spec.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { planWarnings } from '../../src/planner/plan-warnings.js';
import { specProblems } from '../helpers/spec-problems.js';

const BASE = `name: s
data:
  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4}
model:
  layers: [{type: dense, units: 8}, {type: dense, units: input}]
`;
const RANDOM = `${BASE}method: random\nrun_cap: 20\n`;

function load(text: string) {
  return loadSpecText(text, 'spec.yaml', '/specs');
}

function problemsOf(text: string): string[] {
  return specProblems(() => load(text));
}

describe('{min, max} without a distribution: inferred as W&B does', () => {
  const param = (yaml: string, name = 'x') => load(`${RANDOM}parameters:\n  ${name}: ${yaml}\n`).spec.parameters[name];

  it('int_uniform when both bounds are written as integers, uniform otherwise', () => {
    assert.deepEqual(param('{min: 1, max: 10}', 'epochs'), { kind: 'distribution', distribution: 'int_uniform', min: 1, max: 10 });
    assert.deepEqual(param('{min: 0.0001, max: 1}', 'learning_rate'), { kind: 'distribution', distribution: 'uniform', min: 0.0001, max: 1 });
    const d = (yaml: string, name: string) => {
      const p = param(yaml, name);
      return p.kind === 'distribution' ? p.distribution : p.kind;
    };
    assert.equal(d('{min: 0.0, max: 1}', 'data.generate.mean'), 'uniform', '0.0 is a float, as in Python');
    assert.equal(d('{min: 1, max: 1.0e3}', 'data.generate.mean'), 'uniform', 'an exponent makes a float');
    assert.equal(d('{min: 1.0e-4, max: 1.0e-1}', 'learning_rate'), 'uniform');
    assert.equal(d('{min: 0x1, max: 0x10}', 'epochs'), 'int_uniform', 'YAML 1.2 hex is an integer');
    assert.equal(d('{min: 4, max: 64}', 'model.layers.0.units'), 'int_uniform', 'dotted parameters too');
    assert.equal(d('\n    min: 2\n    max: 9', 'epochs'), 'int_uniform', 'block style');
  });

  it('is the same spec, with the same hash, as the distribution written out', () => {
    const inferred = load(`${RANDOM}parameters:\n  epochs: {min: 1, max: 10}\n  momentum: {min: 0.5, max: 0.9}\n`).source.hash;
    const written = load(`${RANDOM}parameters:\n  epochs: {distribution: int_uniform, min: 1, max: 10}\n  momentum: {distribution: uniform, min: 0.5, max: 0.9}\n`).source.hash;
    assert.equal(inferred, written);
  });

  it('says where the distribution came from when it is refused', () => {
    const [line] = problemsOf(`${RANDOM}parameters:\n  epochs: {min: 1.0, max: 10}\n`);
    assert.match(line, /^9:11 {2}parameters\.epochs\.distribution: uniform can draw [\d.]+, which is refused \(expected a whole number/);
    assert.match(line, /no distribution given: \{min, max\} with a bound written with a decimal point or exponent is uniform, as in W&B/);
  });

  it('a lone min or max is refused with what it needs', () => {
    assert.deepEqual(problemsOf(`${RANDOM}parameters:\n  epochs: {min: 1}\n`), [
      '9:17  parameters.epochs.min: goes with max: {min, max} draws from that range (int_uniform for whole numbers, uniform otherwise)',
    ]);
  });
});

describe('normalized W&B distributions', () => {
  it('fills W&B defaults: q 1, mu 0, sigma 1; writing them out is the same spec', () => {
    const a = load(`${RANDOM}parameters:\n  data.generate.mean: {distribution: q_normal}\n  epochs: {distribution: q_uniform, min: 1, max: 9}\n`);
    assert.deepEqual(a.spec.parameters['data.generate.mean'], { kind: 'normal', distribution: 'q_normal', mu: 0, sigma: 1, q: 1 });
    assert.deepEqual(a.spec.parameters.epochs, { kind: 'distribution', distribution: 'q_uniform', min: 1, max: 9, q: 1 });
    const b = load(`${RANDOM}parameters:\n  data.generate.mean: {distribution: q_normal, mu: 0, sigma: 1, q: 1}\n  epochs: {distribution: q_uniform, min: 1, max: 9, q: 1}\n`);
    assert.equal(a.source.hash, b.source.hash);
  });

  it('keeps probabilities on values and categorical (and W&B\'s categorical_w_probabilities)', () => {
    const { spec } = load(`${RANDOM}parameters:
  optimizer: {values: [sgd, adam], probabilities: [0.25, 0.75]}
  loss: {distribution: categorical, values: [mse, mae], probabilities: [0.5, 0.5]}
  normalization: {distribution: categorical_w_probabilities, values: [none, sample], probabilities: [0.9, 0.1]}
  seed: {distribution: constant, value: 4}
`);
    assert.deepEqual(spec.parameters.optimizer, { kind: 'values', values: ['sgd', 'adam'], probabilities: [0.25, 0.75] });
    assert.deepEqual(spec.parameters.loss, { kind: 'categorical', values: ['mse', 'mae'], probabilities: [0.5, 0.5] });
    assert.deepEqual(spec.parameters.normalization, { kind: 'categorical', values: ['none', 'sample'], probabilities: [0.9, 0.1] });
    assert.deepEqual(spec.parameters.seed, { kind: 'value', value: 4 });
  });

  it('accepts probabilities that sum to 1 within W&B\'s tolerance (np.isclose), not beyond', () => {
    assert.doesNotThrow(() => load(`${RANDOM}parameters:\n  optimizer: {values: [sgd, adam, adamax], probabilities: [0.33333, 0.33333, 0.33333]}\n`));
    assert.match(problemsOf(`${RANDOM}parameters:\n  optimizer: {values: [sgd, adam, adamax], probabilities: [0.3333, 0.3333, 0.3333]}\n`)[0],
      /parameters\.optimizer\.probabilities: expected probabilities that sum to 1, got a sum of 0\.9999/);
  });
});

describe('each bad W&B form is refused at its place', () => {
  // [entry, where the problem points (its first character), the message's start]
  const cases: [string, string, string][] = [
    ['learning_rate: {distribution: uniform, min: 0.1, max: 0.01}', '0.01}', 'parameters.learning_rate.max: expected max > min (0.1), got 0.01'],
    ['learning_rate: {distribution: log_uniform_values, min: 0, max: 0.1}', '0, max', 'parameters.learning_rate.min: expected min > 0 for log_uniform_values'],
    ['batch_size: {distribution: q_log_uniform_values, min: -8, max: 64, q: 8}', '-8', 'parameters.batch_size.min: expected min > 0 for q_log_uniform_values'],
    ['learning_rate: {distribution: inv_log_uniform_values, min: 0, max: 1}', '0, max', 'parameters.learning_rate.min: expected min > 0 for inv_log_uniform_values'],
    ['data.generate.mean: {distribution: normal, sigma: 0}', '0}', 'parameters.data.generate.mean.sigma: expected a positive number, got 0'],
    ['data.generate.mean: {distribution: normal, sigma: -1}', '-1}', 'parameters.data.generate.mean.sigma: expected a positive number, got -1'],
    ['optimizer: {values: [sgd, adam], probabilities: [0.5, 0.6]}', '[0.5', 'parameters.optimizer.probabilities: expected probabilities that sum to 1, got a sum of 1.1'],
    ['optimizer: {values: [sgd, adam], probabilities: [1]}', '[1]', 'parameters.optimizer.probabilities: expected one probability per value (2), got 1'],
    ['optimizer: {values: [sgd, adam], probabilities: [1.5, -0.5]}', '-0.5', 'parameters.optimizer.probabilities[1]: expected a probability >= 0, got -0.5'],
    ['momentum: {distribution: uniform, min: 0.1, max: 0.5, mu: 0.3}', '0.3}', 'parameters.momentum.mu: does not go with uniform'],
    ['data.generate.mean: {distribution: normal, min: 0}', '0}', 'parameters.data.generate.mean.min: does not go with normal'],
    ['epochs: {distribution: int_uniform, min: 1, max: 5, q: 2}', '2}', 'parameters.epochs.q: goes with the quantized distributions only'],
    ['learning_rate: {distribution: log_uniform, min: -5, max: 800}', '800', 'parameters.learning_rate.max: log_uniform reads min and max as natural-log exponents, and e^800 overflows'],
    ['epochs: {distribution: q_uniform, min: 1, max: 2, q: 5}', '5}', 'parameters.epochs.q: no multiple of q = 5 lies in [1, 2]'],
    ['momentum: {distribution: normal, mu: 0.9, sigma: 0.1}', 'normal', 'parameters.momentum.distribution: normal can draw 1.757167435 (at mu + 8.57 sigma, its highest draw), which is refused (expected a number in [0, 1)'],
    ['learning_rate: {distribution: normal, mu: 0.01, sigma: 0.002}', 'normal', 'parameters.learning_rate.distribution: normal can draw -0.00714334869'],
    ['batch_size: {distribution: q_log_normal, mu: 3, sigma: 1}', 'q_log_normal', 'parameters.batch_size.distribution: q_log_normal can draw 0 (at mu - 8.57 sigma, its lowest draw), which is refused'],
    ['epochs: {distribution: log_normal, mu: 2, sigma: 0.1}', 'log_normal', 'parameters.epochs.distribution: log_normal can draw'],
    ['model.layers.0.units: {distribution: normal, mu: 32, sigma: 4}', 'normal', 'parameters.model.layers.0.units.distribution: normal can draw -2.2866973'],
    ['loss: {distribution: constant}', 'constant', 'parameters.loss.distribution: constant needs value'],
  ];
  for (const [param, at, want] of cases) {
    it(param, () => {
      const lines = problemsOf(`${RANDOM}parameters:\n  ${param}\n`);
      assert.equal(lines.length, 1, lines.join('\n'));
      const where = `9:${param.indexOf(at) + 3}  `;
      assert.ok(lines[0].startsWith(`${where}${want}`), `got:  ${lines[0]}\nwant: ${where}${want}`);
    });
  }

  it('a normal whose whole reach fits the knob plans: log_normal on learning_rate, a narrow normal on momentum', () => {
    assert.deepEqual(problemsOf(`${RANDOM}parameters:\n  learning_rate: {distribution: log_normal, mu: -4.6, sigma: 0.5}\n  momentum: {distribution: normal, mu: 0.9, sigma: 0.01}\n`), []);
  });

  it('reports every problem of a spec at once, sorted by position', () => {
    const lines = problemsOf(`${RANDOM}parameters:
  learning_rate: {distribution: log_uniform_values, min: 0, max: 0.1}
  momentum: {distribution: normal, mu: 0.9, sigma: 0.2}
  optimizer: {values: [sgd, adam], probabilities: [0.5, 0.6]}
`);
    assert.deepEqual(lines.map((l) => l.split('  ')[0]), ['9:58', '10:28', '11:51']);
  });
});

describe('method grid with W&B ranges', () => {
  it('expands int_uniform to every integer and q_uniform to min + k q below max', () => {
    const trials = planSweep(load(`${BASE}parameters:
  epochs: {distribution: int_uniform, min: 1, max: 3}
  batch_size: {distribution: q_uniform, min: 8, max: 32, q: 8}
  seed: {min: 1, max: 2}
`).spec);
    assert.equal(trials.length, 3 * 3 * 2);
    assert.deepEqual([...new Set(trials.map((t) => t.params.epochs))], [1, 2, 3]);
    assert.deepEqual([...new Set(trials.map((t) => t.params.batch_size))], [8, 16, 24], 'max 32 excluded, as W&B\'s grid does');
    assert.deepEqual([...new Set(trials.map((t) => t.params.seed))], [1, 2], 'an inferred int_uniform is a grid axis too');
  });

  it('checks the grid\'s points, not random draws: momentum q_uniform 0..1 by 0.25 plans in a grid, not under random', () => {
    const spec = 'parameters:\n  momentum: {distribution: q_uniform, min: 0, max: 1, q: 0.25}\n';
    const trials = planSweep(load(`${BASE}${spec}`).spec);
    assert.deepEqual(trials.map((t) => t.params.momentum), [0, 0.25, 0.5, 0.75]);
    assert.match(problemsOf(`${RANDOM}${spec}`)[0], /parameters\.momentum\.max: expected a number in \[0, 1\), got 1$/);
    assert.match(problemsOf(`${BASE}parameters:\n  batch_size: {distribution: q_uniform, min: 8, max: 20, q: 2.5}\n`)[0],
      /parameters\.batch_size\.distribution: q_uniform puts 10\.5 in the grid, which is refused/);
  });

  it('plans a long int_uniform axis under run_cap without building it', () => {
    const trials = planSweep(load(`${BASE}run_cap: 3\nparameters:\n  seed: {distribution: int_uniform, min: 0, max: 4000000000}\n`).spec);
    assert.deepEqual(trials.map((t) => t.params.seed), [0, 1, 2]);
  });

  it('still refuses the other distributions, and probabilities, with a hint', () => {
    const lines = problemsOf(`${BASE}parameters:
  learning_rate: {distribution: log_uniform_values, min: 0.001, max: 0.1}
  data.generate.mean: {distribution: normal}
  optimizer: {values: [sgd, adam], probabilities: [0.5, 0.5]}
`);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(lines[0], /method grid cannot expand log_uniform_values .*a grid expands int_uniform and q_uniform ranges only/);
    assert.match(lines[1], /method grid cannot expand normal \(random draws/);
    assert.match(lines[2], /probabilities: a grid tries every value once/);
  });
});

describe('W&B-only keys, methods and early_terminate', () => {
  it('accepts program, command, project and entity with one located warning, and ignores them', () => {
    const text = `program: train.py\n${BASE}project: p\nentity: me\ncommand:\n  - \${env}\n  - python\n  - \${program}\n  - \${args}\n`;
    const loaded = load(text);
    assert.deepEqual(loaded.warnings, [
      'spec.yaml:1:1  program: warning: W&B-only keys program, command, project, entity accepted and ignored (tfsweep trains in process, with nothing to launch, and keeps its results in its own database, not a W&B project)',
    ]);
    assert.equal(loaded.source.hash, load(BASE).source.hash, 'they are not part of the sweep');
    assert.deepEqual(load(BASE).warnings, []);
  });

  it('warns when log_uniform\'s exponents look like values meant for log_uniform_values', () => {
    const loaded = load(`${RANDOM}parameters:\n  learning_rate: {distribution: log_uniform, min: 0.0001, max: 0.1}\n`);
    assert.deepEqual(loaded.warnings, [
      'spec.yaml:9:33  parameters.learning_rate.distribution: warning: log_uniform reads min and max as natural-log exponents, so it draws between 1.000100005 and 1.105170918; for values between 0.0001 and 0.1 use log_uniform_values',
    ]);
    assert.deepEqual(load(`${RANDOM}parameters:\n  learning_rate: {distribution: log_uniform, min: -9.2, max: -2.3}\n`).warnings, []);
  });

  it('other unknown keys stay errors, with a suggestion', () => {
    const [line] = problemsOf(`${BASE}programm: train.py\n`);
    assert.match(line, /^6:1 {2}programm: unknown key "programm" \(did you mean "program"\?\); allowed keys: .*program, command, project, entity$/);
  });

  it('bayes needs run_cap; custom says what to use instead', () => {
    assert.deepEqual(problemsOf(`${BASE}method: bayes\n`), ['6:9  method: method bayes needs run_cap: how many trials to train (for example run_cap: 50; the first 10 are random start-up trials)']);
    assert.match(problemsOf(`${BASE}method: custom\n`)[0], /method: custom .* is not available: use method: grid, or random with run_cap/);
    assert.match(problemsOf(`${BASE}method: randon\n`)[0], /expected one of grid, random, bayes, tpe, got "randon" \(did you mean "random"\?\)/);
  });

  it('takes hyperband\'s strict (a boolean) and keeps it', () => {
    assert.deepEqual(load(`${BASE}early_terminate: {type: hyperband, min_iter: 1, strict: true}\n`).spec.early_terminate, { type: 'hyperband', min_iter: 1, eta: 3, strict: true });
    assert.match(problemsOf(`${BASE}early_terminate: {type: hyperband, min_iter: 1, strict: maybe}\n`)[0], /early_terminate\.strict: expected true or false/);
  });

  it('warns, without refusing, when min_iter leaves no trial a rung to reach', () => {
    const spec = load(`${BASE}early_terminate: {type: hyperband, min_iter: 20}\nparameters:\n  epochs: {values: [5, 10]}\n`).spec;
    const trials = planSweep(spec);
    assert.deepEqual(planWarnings(spec, trials), [{
      path: ['early_terminate', 'min_iter'],
      message: 'is 20, but the longest trial trains 10 epochs: no trial reaches a rung, so none is pruned; set min_iter below 10 or drop early_terminate',
    }]);
    const fine = load(`${BASE}early_terminate: {type: hyperband, min_iter: 3}\nparameters:\n  epochs: {values: [5, 10]}\n`).spec;
    assert.deepEqual(planWarnings(fine, planSweep(fine)), []);
  });
});
