import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSweep } from '../../src/planner/plan-sweep.js';
import type { PlannedTrial } from '../../src/planner/trial.js';
import { GridSampler } from '../../src/search/grid-sampler.js';
import type { Sampler } from '../../src/search/sampler.js';
import { Study } from '../../src/search/study.js';
import type { TrialRecord } from '../../src/storage/store.js';
import { TfsweepError } from '../../src/errors.js';
import { makeSpec } from '../planner/make-spec.js';

const GRID4 = `parameters:
  optimizer: {values: [sgd, adam]}
  learning_rate: {values: [0.1, 0.01]}
  epochs: {value: 2}
`;

function askAll(study: Study): PlannedTrial[] {
  const out: PlannedTrial[] = [];
  for (let t = study.ask(); t !== null; t = study.ask()) out.push(t);
  return out;
}

test('a grid of 4 asked one by one, in plan order; null once exhausted', () => {
  const spec = makeSpec(GRID4);
  const study = new Study(new GridSampler(spec));
  const asked: PlannedTrial[] = [];
  for (let i = 0; i < 4; i++) {
    const t = study.ask();
    assert.ok(t, `trial ${i}`);
    asked.push(t);
  }
  assert.deepEqual(asked, planSweep(spec));
  assert.equal(study.ask(), null);
  assert.equal(study.exhausted, true);
  assert.deepEqual(study.history().map((r) => r.status), ['running', 'running', 'running', 'running']);
});

test('best() picks the best completed trial for the goal; failed and pruned trials never count', () => {
  const study = Study.forSpec(makeSpec(GRID4));
  const trials = askAll(study);
  assert.equal(trials.length, 4);
  assert.equal(study.best('val_r2', 'maximize'), null);
  study.tell(0, { status: 'completed', final: { val_r2: 0.5, val_mse: 0.2 } });
  study.tell(1, { status: 'completed', final: { val_r2: 0.9, val_mse: 0.4 } });
  study.tell(2, { status: 'pruned', final: { val_r2: 0.99, val_mse: 0.01 }, reason: 'rung 1' });
  study.tell(3, { status: 'failed', final: null, reason: 'out of memory' });
  const best = study.best('val_r2', 'maximize');
  assert.equal(best?.idx, 1);
  assert.deepEqual(best?.params, trials[1].params);
  assert.equal(best?.trial_key, trials[1].key);
  assert.equal(study.best('val_mse', 'minimize')?.idx, 0);
  assert.equal(study.best('no_such_metric', 'minimize'), null);
  const h = study.history();
  assert.deepEqual(h.map((r) => r.status), ['completed', 'completed', 'pruned', 'failed']);
  assert.equal(h[3].error, 'out of memory');
});

test('ties go to the lower idx; non-finite values are kept as null and never win', () => {
  const study = Study.forSpec(makeSpec(GRID4));
  askAll(study);
  study.tell(0, { status: 'completed', final: { val_r2: Number.NaN } });
  study.tell(1, { status: 'completed', final: { val_r2: 0.7 } });
  study.tell(2, { status: 'completed', final: { val_r2: 0.7 } });
  study.tell(3, { status: 'completed', final: { val_r2: Number.POSITIVE_INFINITY } });
  assert.equal(study.best('val_r2', 'maximize')?.idx, 1);
  assert.equal(study.history()[0].final?.val_r2, null);
});

test('tell refuses an unknown idx, a trial not asked yet, and a second result', () => {
  const study = Study.forSpec(makeSpec(GRID4));
  const code = (c: string) => (e: unknown) => e instanceof TfsweepError && e.code === c;
  assert.throws(() => study.tell(7, { status: 'completed', final: null }), code('E_STUDY_UNKNOWN_TRIAL'));
  assert.throws(() => study.tell(-1, { status: 'completed', final: null }), code('E_STUDY_UNKNOWN_TRIAL'));
  assert.throws(() => study.tell(0.5, { status: 'completed', final: null }), code('E_STUDY_UNKNOWN_TRIAL'));
  assert.throws(() => study.tell(0, { status: 'completed', final: null }), code('E_STUDY_NOT_ASKED'));
  study.ask();
  study.tell(0, { status: 'completed', final: { val_r2: 1 } });
  assert.throws(() => study.tell(0, { status: 'failed', final: null }), code('E_STUDY_ALREADY_TOLD'));
  assert.equal(study.history()[0].status, 'completed');
});

test('when the initial trials run out, the sampler is asked with the history; wait gives null until results are told', () => {
  const spec = makeSpec(GRID4);
  const plan = planSweep(spec);
  const seen: TrialRecord[][] = [];
  // Hands out two trials first, then, once both are final, the other two: a sampler that learns from results.
  const adaptive: Sampler = {
    initial: () => plan.slice(0, 2),
    next: (history) => {
      seen.push(history.map((r) => ({ ...r })));
      if (history.length === 4) return 'done';
      return history.some((r) => r.status === 'running') ? 'wait' : plan.slice(2);
    },
  };
  const study = new Study(adaptive);
  assert.equal(study.ask()?.idx, 0);
  assert.equal(study.ask()?.idx, 1);
  assert.equal(study.ask(), null);
  assert.equal(study.exhausted, false);
  study.tell(0, { status: 'completed', final: { val_r2: 0.1 } });
  study.tell(1, { status: 'completed', final: { val_r2: 0.2 } });
  assert.equal(study.ask()?.idx, 2);
  assert.deepEqual(seen[1].map((r) => [r.idx, r.status, r.final?.val_r2]), [[0, 'completed', 0.1], [1, 'completed', 0.2]]);
  assert.equal(study.ask()?.idx, 3);
  assert.equal(study.ask(), null);
  assert.equal(study.exhausted, true);
  assert.equal(seen.length, 3);
});

test('a sampler that returns an index out of sequence is refused', () => {
  const plan = planSweep(makeSpec(GRID4));
  assert.throws(() => new Study({ initial: () => plan.slice(1), next: () => 'done' }), /sampler returned trial 1 where 0 was expected/);
});
