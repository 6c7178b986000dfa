import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../../src/errors.js';
import type { ResultStore } from '../../src/store/store.js';
import {
  completed, deadPid, epoch, params, plannedTrial, quickstartTrials, SPEC_YAML, sweepInput, weights,
} from './helpers.js';

/**
 * The store contract, run against every implementation (SQLite file, in-memory fake).
 * `make` returns a fresh, empty store and a cleanup.
 */
export function storeContract(label: string, make: () => { store: ResultStore; cleanup: () => void }): void {
  describe(`ResultStore contract: ${label}`, () => {
    let store: ResultStore;
    let cleanup: () => void;
    beforeEach(() => {
      ({ store, cleanup } = make());
    });
    afterEach(() => {
      store.close();
      cleanup();
    });

    const isoUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

    function expectStoreError(fn: () => unknown, code: string, message?: RegExp): StoreError {
      let caught: unknown;
      try {
        fn();
      } catch (e) {
        caught = e;
      }
      assert.ok(caught instanceof StoreError, `expected StoreError ${code}, got ${String(caught)}`);
      assert.equal(caught.code, code);
      if (message) assert.match(caught.message, message);
      return caught;
    }

    describe('openSweep', () => {
      it('inserts a new sweep with every trial pending', () => {
        const input = sweepInput();
        const { sweep, resumed } = store.openSweep(input);
        assert.equal(resumed, false);
        assert.equal(sweep.name, 'quickstart');
        assert.equal(sweep.spec_yaml, SPEC_YAML);
        assert.equal(sweep.spec_hash, 'hash-1');
        assert.equal(sweep.status, 'running');
        assert.equal(sweep.metric_name, 'val_r2');
        assert.equal(sweep.metric_goal, 'maximize');
        assert.match(sweep.created_at, isoUtc);
        assert.equal(sweep.owner_pid, null);
        const trials = store.listTrials(sweep.id);
        assert.equal(trials.length, 6);
        assert.deepEqual(trials.map((t) => t.idx), [0, 1, 2, 3, 4, 5]);
        assert.ok(trials.every((t) => t.status === 'pending' && t.attempt === 0 && t.final === null && t.sweep_id === sweep.id));
        assert.deepEqual(trials.map((t) => t.trial_key), input.trials.map((t) => t.key));
        assert.deepEqual(trials[1].params, input.trials[1].params);
        assert.deepEqual(Object.keys(trials[1].params), Object.keys(input.trials[1].params).sort());
        assert.deepEqual(store.getSweep('quickstart'), sweep);
        assert.deepEqual(store.getSweepById(sweep.id), sweep);
        assert.deepEqual(store.listSweeps().map((s) => s.id), [sweep.id]);
        assert.equal(store.getSweep('nope'), null);
      });

      it('resumes the same name and spec hash without adding trials', () => {
        const first = store.openSweep(sweepInput()).sweep;
        const again = store.openSweep(sweepInput({ specYaml: `# a comment\n${SPEC_YAML}` }));
        assert.equal(again.resumed, true);
        assert.equal(again.sweep.id, first.id);
        assert.equal(store.listTrials(first.id).length, 6);
        assert.equal(store.listSweeps().length, 1);
      });

      it('refuses a changed spec under the same name, saying what changed', () => {
        const { sweep } = store.openSweep(sweepInput());
        const changed = SPEC_YAML.replace('[0.1, 0.01, 0.001]', '[0.1, 0.01]');
        const err = expectStoreError(
          () => store.openSweep(sweepInput({ specYaml: changed, specHash: 'hash-2', trials: quickstartTrials().slice(0, 4) })),
          'E_SPEC_CHANGED',
        );
        assert.match(err.message, /- 5: {3}learning_rate: \{values: \[0\.1, 0\.01, 0\.001\]\}/);
        assert.match(err.message, /\+ 5: {3}learning_rate: \{values: \[0\.1, 0\.01\]\}/);
        assert.doesNotMatch(err.message, /normalization/);
        assert.match(err.message, /--force/);
        assert.equal(store.listTrials(sweep.id).length, 6);
        assert.equal(store.listSweeps().length, 1);
      });

      it('refuses the same spec hash when the stored trials differ from the plan', () => {
        store.openSweep(sweepInput());
        expectStoreError(
          () => store.openSweep(sweepInput({ trials: quickstartTrials().slice(0, 5) })),
          'E_SPEC_CHANGED',
          /plans different trials/,
        );
      });

      it('with force, keeps the old sweep as name@id and starts a new one under the name', () => {
        const old = store.openSweep(sweepInput()).sweep;
        store.finishTrial(store.listTrials(old.id)[0].id, completed(2), 1);
        const trials = [plannedTrial(0, params({ learning_rate: 0.5 }))];
        const { sweep, resumed } = store.openSweep(sweepInput({ specYaml: 'changed', specHash: 'hash-2', trials, force: true }));
        assert.equal(resumed, false);
        assert.notEqual(sweep.id, old.id);
        assert.equal(store.getSweep('quickstart')?.id, sweep.id);
        assert.equal(store.listTrials(sweep.id).length, 1);
        const kept = store.getSweep(`quickstart@${old.id}`);
        assert.equal(kept?.id, old.id);
        assert.equal(store.listTrials(old.id).length, 6);
        assert.equal(store.listTrials(old.id, ['completed']).length, 1);
      });

      it('with force, refuses while another live process owns the old sweep', () => {
        const old = store.openSweep(sweepInput()).sweep;
        store.acquireSweep(old.id, process.ppid);
        expectStoreError(
          () => store.openSweep(sweepInput({ specHash: 'hash-2', force: true })),
          'E_SWEEP_BUSY',
          new RegExp(`process ${process.ppid}\\b`),
        );
        assert.equal(store.getSweep('quickstart')?.id, old.id);
      });
    });

    describe('ownership', () => {
      it('refuses a sweep owned by another live process and names it', () => {
        const { sweep } = store.openSweep(sweepInput());
        store.acquireSweep(sweep.id, process.ppid);
        assert.equal(store.getSweepById(sweep.id)?.owner_pid, process.ppid);
        expectStoreError(() => store.acquireSweep(sweep.id, process.pid), 'E_SWEEP_BUSY', new RegExp(`process ${process.ppid}\\b`));
        assert.equal(store.getSweepById(sweep.id)?.owner_pid, process.ppid);
      });

      it('takes over a sweep whose owner died', () => {
        const { sweep } = store.openSweep(sweepInput());
        store.acquireSweep(sweep.id, deadPid());
        store.acquireSweep(sweep.id, process.pid);
        const s = store.getSweepById(sweep.id)!;
        assert.equal(s.owner_pid, process.pid);
        assert.equal(s.status, 'running');
        assert.match(s.last_run_at ?? '', isoUtc);
      });

      it('lets the owner acquire again, and release sets the status and clears the owner', () => {
        const { sweep } = store.openSweep(sweepInput());
        store.acquireSweep(sweep.id, process.pid);
        store.acquireSweep(sweep.id, process.pid);
        assert.equal(store.releaseSweep(sweep.id, 'completed'), true);
        const s = store.getSweepById(sweep.id)!;
        assert.equal(s.status, 'completed');
        assert.equal(s.owner_pid, null);
        assert.equal(s.owner_host, null);
        store.acquireSweep(sweep.id, process.ppid);
        assert.equal(store.getSweepById(sweep.id)?.status, 'running');
      });
    });

    describe('trial lifecycle', () => {
      it('reclaims running and interrupted trials, and only those', () => {
        const { sweep } = store.openSweep(sweepInput());
        const [a, b, c, d, e] = store.listTrials(sweep.id);
        store.markRunning(a.id, 'cpu');
        store.markRunning(b.id, 'cpu');
        store.setStatus(b.id, 'interrupted', 'stopped');
        store.finishTrial(c.id, completed(2), 1);
        store.finishTrial(d.id, completed(1, { status: 'failed', reason: 'boom', weights: null }), 1);
        store.markRunning(e.id, 'cpu');
        store.finishTrial(e.id, { ...completed(1, { status: 'pruned' }), rung: 1 }, 1);
        assert.equal(store.reclaimUnfinished(sweep.id), 2);
        assert.deepEqual(store.listTrials(sweep.id).map((t) => t.status), ['pending', 'pending', 'completed', 'failed', 'pruned', 'pending']);
        assert.equal(store.reclaimUnfinished(sweep.id), 0);
        assert.deepEqual(store.listTrials(sweep.id, ['pending']).map((t) => t.idx), [0, 1, 5]);
        assert.deepEqual(store.listTrials(sweep.id, ['completed', 'failed']).map((t) => t.idx), [2, 3]);
        const counts = store.countByStatus(sweep.id);
        assert.deepEqual(counts, { pending: 3, running: 0, completed: 1, failed: 1, diverged: 0, timeout: 0, interrupted: 0, pruned: 1 });
      });

      it('markRunning starts a fresh attempt', () => {
        const { sweep } = store.openSweep(sweepInput());
        const t = store.listTrials(sweep.id)[0];
        store.markRunning(t.id, 'wasm');
        store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }]);
        store.setStatus(t.id, 'pending', 'worker died');
        store.markRunning(t.id, 'wasm');
        const r = store.getTrial(t.id)!;
        assert.equal(r.status, 'running');
        assert.equal(r.attempt, 2);
        assert.equal(r.backend, 'wasm');
        assert.match(r.started_at ?? '', isoUtc);
        assert.equal(r.error, null);
        assert.equal(r.epochs_done, 0);
        assert.deepEqual(store.getEpochs(t.id), []);
      });

      it('recordEpochs is idempotent per (trial, epoch)', () => {
        const { sweep } = store.openSweep(sweepInput());
        const [t, u] = store.listTrials(sweep.id);
        store.markRunning(t.id, 'cpu');
        store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }, { trialId: u.id, m: epoch(1) }]);
        store.recordEpochs([{ trialId: t.id, m: epoch(2, 0.125) }]);
        const rows = store.getEpochs(t.id);
        assert.deepEqual(rows, [epoch(1), epoch(2, 0.125)]);
        assert.equal(store.getTrial(t.id)?.epochs_done, 2);
        assert.deepEqual(store.getEpochs(u.id), [epoch(1)]);
        store.recordEpochs([]);
      });

      it('finishTrial stores the outcome, metrics, epochs and weights (bytes intact)', () => {
        const { sweep } = store.openSweep(sweepInput());
        const t = store.listTrials(sweep.id)[0];
        store.markRunning(t.id, 'auto');
        store.recordEpochs([1, 2, 3, 4, 5].map((n) => ({ trialId: t.id, m: epoch(n) })));
        const result = completed(3, { warnings: ['loss_at_variance', 'slow'], backend: 'tensorflow' });
        store.finishTrial(t.id, result, 12.5);
        const r = store.getTrial(t.id)!;
        assert.equal(r.status, 'completed');
        assert.equal(r.backend, 'tensorflow');
        assert.equal(r.duration_s, 12.5);
        assert.equal(r.epochs_done, 3);
        assert.equal(r.best_epoch, 3);
        assert.equal(r.error, null);
        assert.deepEqual(r.warnings, ['loss_at_variance', 'slow']);
        assert.deepEqual(r.final, result.final);
        assert.match(r.finished_at ?? '', isoUtc);
        assert.deepEqual(store.getEpochs(t.id), result.epochs, 'epochs 4 and 5 of the earlier attempt are gone');
        const w = store.getWeights(t.id)!;
        const expected = weights();
        assert.ok(w.weightData instanceof ArrayBuffer);
        assert.deepEqual(new Uint8Array(w.weightData), new Uint8Array(expected.weightData));
        assert.deepEqual(w.weightSpecs, expected.weightSpecs);
        assert.deepEqual(w.modelTopology, expected.modelTopology);
        assert.deepEqual(w.normalization, expected.normalization);
      });

      it('finishTrial keeps weights only for completed trials, and records reason and rung', () => {
        const { sweep } = store.openSweep(sweepInput());
        const [t, u] = store.listTrials(sweep.id);
        store.finishTrial(t.id, completed(2), 1);
        assert.ok(store.getWeights(t.id));
        store.markRunning(t.id, 'cpu');
        assert.equal(store.getWeights(t.id), null, 'a new attempt drops the old weights');
        store.finishTrial(t.id, completed(2, { status: 'diverged', reason: 'loss became NaN at epoch 3' }), 2);
        assert.equal(store.getWeights(t.id), null);
        assert.equal(store.getTrial(t.id)?.error, 'loss became NaN at epoch 3');
        store.finishTrial(u.id, { ...completed(3, { status: 'pruned' }), rung: 3 }, 1);
        assert.equal(store.getTrial(u.id)?.rung, 3);
        assert.equal(store.getTrial(u.id)?.status, 'pruned');
        store.finishTrial(u.id, completed(0, { status: 'failed', reason: 'worker died', weights: null }), 0);
        const f = store.getTrial(u.id)!;
        assert.equal(f.final, null);
        assert.equal(f.best_epoch, null);
        assert.equal(f.rung, null);
        assert.deepEqual(store.getEpochs(u.id), []);
      });

      it('setStatus sets the state, keeps or replaces the error, and stamps end states', () => {
        const { sweep } = store.openSweep(sweepInput());
        const t = store.listTrials(sweep.id)[0];
        store.markRunning(t.id, 'cpu');
        store.setStatus(t.id, 'pending', 'worker died (attempt 1)');
        let r = store.getTrial(t.id)!;
        assert.equal(r.status, 'pending');
        assert.equal(r.error, 'worker died (attempt 1)');
        assert.equal(r.finished_at, null);
        store.setStatus(t.id, 'interrupted');
        r = store.getTrial(t.id)!;
        assert.equal(r.status, 'interrupted');
        assert.equal(r.error, 'worker died (attempt 1)');
        assert.match(r.finished_at ?? '', isoUtc);
        store.setStatus(t.id, 'failed', null);
        assert.equal(store.getTrial(t.id)?.error, null);
      });

      it('refuses unknown trial ids', () => {
        expectStoreError(() => store.markRunning(999, 'cpu'), 'E_NO_TRIAL');
        expectStoreError(() => store.setStatus(999, 'failed'), 'E_NO_TRIAL');
        expectStoreError(() => store.finishTrial(999, completed(1), 1), 'E_NO_TRIAL');
        expectStoreError(() => store.acquireSweep(999, process.pid), 'E_NO_SWEEP');
        assert.equal(store.getTrial(999), null);
        assert.equal(store.getWeights(999), null);
      });

      it('hands out copies: mutating a record does not change the store', () => {
        const { sweep } = store.openSweep(sweepInput());
        const t = store.listTrials(sweep.id)[0];
        t.params.learning_rate = 42;
        t.warnings.push('x');
        assert.equal(store.getTrial(t.id)?.params.learning_rate, 0.1);
        assert.deepEqual(store.getTrial(t.id)?.warnings, []);
      });
    });

    describe('--reuse', () => {
      it('finds the newest completed trial with a key in any sweep', () => {
        const a = store.openSweep(sweepInput({ name: 'a' })).sweep;
        const key = store.listTrials(a.id)[0].trial_key;
        assert.equal(store.findCompletedByKey(key), null);
        const ta = store.listTrials(a.id)[0];
        store.finishTrial(ta.id, completed(1, { status: 'failed', weights: null }), 1);
        assert.equal(store.findCompletedByKey(key), null, 'failed trials are not reused');
        store.finishTrial(ta.id, completed(2), 1);
        assert.equal(store.findCompletedByKey(key)?.id, ta.id);
        const b = store.openSweep(sweepInput({ name: 'b' })).sweep;
        const tb = store.listTrials(b.id)[0];
        store.finishTrial(tb.id, completed(3), 1);
        assert.equal(store.findCompletedByKey(key)?.id, tb.id);
        assert.equal(store.findCompletedByKey('no-such-key'), null);
      });

      it('copies status, metrics, epochs and weights onto another trial', () => {
        const a = store.openSweep(sweepInput({ name: 'a' })).sweep;
        const b = store.openSweep(sweepInput({ name: 'b' })).sweep;
        const from = store.listTrials(a.id)[2];
        const to = store.listTrials(b.id)[2];
        store.markRunning(from.id, 'cpu');
        const result = completed(4, { warnings: ['loss_at_variance'] });
        store.finishTrial(from.id, result, 3.5);
        store.recordEpochs([{ trialId: to.id, m: epoch(9) }]);
        store.copyTrialResults(from.id, to.id);
        const r = store.getTrial(to.id)!;
        const src = store.getTrial(from.id)!;
        assert.equal(r.status, 'completed');
        assert.deepEqual(r.final, result.final);
        assert.equal(r.epochs_done, 4);
        assert.equal(r.best_epoch, 4);
        assert.equal(r.duration_s, 3.5);
        assert.equal(r.backend, 'cpu');
        assert.deepEqual(r.warnings, ['loss_at_variance']);
        assert.equal(r.reused_from, from.id);
        assert.equal(r.attempt, 0);
        assert.equal(r.finished_at, src.finished_at);
        assert.equal(r.sweep_id, b.id);
        assert.equal(r.idx, 2);
        assert.deepEqual(store.getEpochs(to.id), result.epochs);
        assert.deepEqual(new Uint8Array(store.getWeights(to.id)!.weightData), new Uint8Array(weights().weightData));
        assert.deepEqual(store.getEpochs(from.id), result.epochs, 'the source is unchanged');
      });
    });
  });
}
