import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearch } from '../../src/search/create-search.js';
import { TpeSampler } from '../../src/search/tpe-sampler.js';
import { Study } from '../../src/search/study.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { SpecError } from '../../src/errors.js';
import type { PlannedTrial } from '../../src/planner/trial.js';

const SPEC = `name: s
method: bayes
run_cap: 22
metric: {name: val_mse, goal: minimize}
data: {generate: {distribution: uniform, low: 0, high: 1, rows: 20, cols: 3}, target: [2], validation_split: 0.3}
model: {layers: [{type: dense, units: 1}]}
parameters:
  learning_rate: {min: 0.0001, max: 1.0, distribution: log_uniform_values}
  batch_size: {values: [4, 8, 16]}
  epochs: {min: 1, max: 9}
  momentum: {distribution: q_uniform, min: 0.1, max: 0.9, q: 0.1}
`;

/** A made-up objective over the trial's knobs: best near lr 0.01, batch 8, 5 epochs. */
function objective(t: PlannedTrial): number {
  return (Math.log10(t.train.learning_rate) + 2) ** 2 + (t.train.batch_size === 8 ? 0 : 0.5) + Math.abs(t.train.epochs - 5) / 4 + t.train.momentum;
}

/** Runs the sampler through a Study, telling results in the order `order` picks among the trials in flight. */
function run(order: (inFlight: PlannedTrial[]) => PlannedTrial): PlannedTrial[] {
  const study = new Study(new TpeSampler(loadSpecText(SPEC, 's.yaml', '/tmp').spec));
  const all: PlannedTrial[] = [];
  const inFlight: PlannedTrial[] = [];
  for (;;) {
    for (let t = study.ask(); t !== null; t = study.ask()) {
      all.push(t);
      inFlight.push(t);
    }
    if (inFlight.length === 0) break;
    const done = order(inFlight);
    inFlight.splice(inFlight.indexOf(done), 1);
    study.tell(done.idx, { status: done.idx % 7 === 3 ? 'failed' : 'completed', final: { val_mse: objective(done) } });
  }
  return all;
}

test('bayes waits for every earlier trial before it proposes, so the order results come in cannot matter', () => {
  const study = new Study(new TpeSampler(loadSpecText(SPEC, 's.yaml', '/tmp').spec));
  const asked = Array.from({ length: 10 }, () => study.ask()!);
  assert.equal(study.ask(), null, 'no proposal while start-up trials run');
  for (const t of asked.slice(0, 9)) study.tell(t.idx, { status: 'completed', final: { val_mse: objective(t) } });
  assert.equal(study.ask(), null, 'nor while one still runs');
  study.tell(asked[9].idx, { status: 'completed', final: { val_mse: objective(asked[9]) } });
  const batch = [study.ask(), study.ask(), study.ask(), study.ask()];
  assert.ok(batch.every((t) => t !== null), 'a batch of 4 once all are final');
  assert.equal(study.ask(), null, 'and then it waits again');
});

test('bayes proposes the same trials whatever order results come in (1 worker or many, fast or slow)', () => {
  const first = run((f) => f[0]);
  const last = run((f) => f[f.length - 1]);
  const middle = run((f) => f[Math.floor(f.length / 2)]);
  assert.equal(first.length, 22);
  assert.deepEqual(last.map((t) => t.key), first.map((t) => t.key));
  assert.deepEqual(middle.map((t) => t.key), first.map((t) => t.key));
  // Every proposal is a value the spec's distributions can give.
  for (const t of first) {
    assert.ok(t.train.learning_rate >= 0.0001 && t.train.learning_rate <= 1);
    assert.ok([4, 8, 16].includes(t.train.batch_size));
    assert.ok(Number.isInteger(t.train.epochs) && t.train.epochs >= 1 && t.train.epochs <= 9);
    assert.ok(Math.abs(t.train.momentum * 10 - Math.round(t.train.momentum * 10)) < 1e-9 && t.train.momentum >= 0.1);
  }
  // After the 10 random start-up trials, proposals learn: their mean objective is better.
  const mean = (ts: PlannedTrial[]) => ts.reduce((a, t) => a + objective(t), 0) / ts.length;
  assert.ok(mean(first.slice(14)) < mean(first.slice(0, 10)), `${mean(first.slice(14))} vs ${mean(first.slice(0, 10))}`);
});

test('createSearch: ask/tell on any objective, as the README shows; TPE beats random on Branin', () => {
  const branin = ({ x, y }: Record<string, unknown>) => {
    const [a, b] = [x as number, y as number];
    return (b - (5.1 / (4 * Math.PI ** 2)) * a * a + (5 / Math.PI) * a - 6) ** 2 + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(a) + 10;
  };
  const bestAfter = (method: 'bayes' | 'random', seed: number): number => {
    const search = createSearch({ method, metric: { name: 'score', goal: 'minimize' }, parameters: { x: { min: -5.0, max: 10.0 }, y: { min: 0.0, max: 15.0 } }, random_seed: seed });
    for (let i = 0; i < 50; i++) {
      const trial = search.ask();
      assert.equal(trial.index, i);
      search.tell(trial.index, branin(trial.params));
    }
    return search.best()!.value;
  };
  // Measured here over seeds 0..9 after 50 trials: TPE's mean gap to the optimum (0.398) is
  // 0.554 against random's 0.968 (ratio 0.57); asserted under 0.75.
  const seeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const gap = (m: 'bayes' | 'random') => seeds.reduce((a, s) => a + bestAfter(m, s) - 0.397887, 0) / seeds.length;
  const tpe = gap('bayes');
  const rnd = gap('random');
  assert.ok(tpe < 0.75 * rnd, `tpe gap ${tpe} vs random ${rnd}`);
  // Deterministic.
  assert.equal(bestAfter('bayes', 3), bestAfter('bayes', 3));
  const s = createSearch({ method: 'tpe', metric: { name: 'v', goal: 'maximize' }, parameters: { k: { values: ['a', 'b'] }, n: { min: 1, max: 3 } } });
  const t = s.ask();
  s.tell(t.index, null);
  assert.equal(s.best(), null, 'a failed point is never best');
  assert.throws(() => s.tell(t.index, 1), /already told/);
  assert.throws(() => createSearch({ method: 'bayes', metric: { name: 'v', goal: 'minimize' }, parameters: { x: { min: 2, max: 1 } } }), /parameters\.x\.max/);
});

test('a bayes spec needs run_cap and bounded distributions, refused at plan time with the place', () => {
  const problems = (text: string) => {
    try {
      loadSpecText(text, 's.yaml', '/tmp');
      return [];
    } catch (e) {
      return (e as SpecError).problems.map((p) => `${p.line}:${p.col}  ${p.path}: ${p.message}`);
    }
  };
  const noCap = problems(SPEC.replace('run_cap: 22\n', ''));
  assert.equal(noCap.length, 1);
  assert.match(noCap[0], /^2:9 {2}method: method bayes needs run_cap/);
  const normal = problems(SPEC.replace('{min: 1, max: 9}', '{distribution: normal, mu: 5, sigma: 1}'));
  assert.ok(normal.some((l) => /parameters\.epochs\.distribution: method bayes \(TPE\) cannot model normal/.test(l)), normal.join('\n'));
});
