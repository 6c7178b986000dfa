import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError } from '../../src/errors.js';
import type { Lease, ResultStore } from '../../src/storage/store.js';
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
    afterEach(async () => {
      await store.close();
      cleanup();
    });

    const isoUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

    const LEASE: Lease = { worker: 'test-worker', ms: 60_000 };
    const OTHER: Lease = { worker: 'other-worker', ms: 60_000 };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

    /** Awaits `fn()`, which must reject with StoreError `code`; returns the error. */
    async function expectStoreError(fn: () => Promise<unknown>, code: string, message?: RegExp): Promise<StoreError> {
      let caught: unknown;
      await assert.rejects(fn, (e: unknown) => {
        caught = e;
        return true;
      });
      assert.ok(caught instanceof StoreError, `expected StoreError ${code}, got ${String(caught)}`);
      assert.equal(caught.code, code);
      if (message) assert.match(caught.message, message);
      return caught;
    }

    /**
     * The trial's lease as stored, where the implementation lets a test see it (SQLite:
     * its `db`); undefined for an implementation that does not.
     */
    function leaseOf(trialId: number): { lease_owner: string | null; lease_expires_at: string | null } | undefined {
      const db = (store as { db?: { prepare(sql: string): { get(...a: unknown[]): unknown } } }).db;
      if (!db) return undefined;
      return db.prepare('SELECT lease_owner, lease_expires_at FROM trials WHERE id = ?').get(trialId) as {
        lease_owner: string | null; lease_expires_at: string | null;
      };
    }

    /** Claims one trial for LEASE (or `lease`), asserting it was claimed. */
    async function claim(trialId: number, backend = 'cpu', lease: Lease = LEASE): Promise<void> {
      assert.deepEqual(await store.claimTrials([trialId], lease, backend), [trialId]);
    }

    describe('openSweep', () => {
      it('inserts a new sweep with every trial pending', async () => {
        const input = sweepInput();
        const { sweep, resumed } = await store.openSweep(input);
        assert.equal(resumed, false);
        assert.equal(sweep.name, 'quickstart');
        assert.equal(sweep.spec_yaml, SPEC_YAML);
        assert.equal(sweep.spec_hash, 'hash-1');
        assert.equal(sweep.status, 'running');
        assert.equal(sweep.metric_name, 'val_r2');
        assert.equal(sweep.metric_goal, 'maximize');
        assert.match(sweep.created_at, isoUtc);
        assert.equal(sweep.owner_pid, null);
        const trials = await store.listTrials(sweep.id);
        assert.equal(trials.length, 6);
        assert.deepEqual(trials.map((t) => t.idx), [0, 1, 2, 3, 4, 5]);
        assert.ok(trials.every((t) => t.status === 'pending' && t.attempt === 0 && t.final === null && t.sweep_id === sweep.id));
        assert.deepEqual(trials.map((t) => t.trial_key), input.trials.map((t) => t.key));
        assert.deepEqual(trials[1].params, input.trials[1].params);
        assert.deepEqual(Object.keys(trials[1].params), Object.keys(input.trials[1].params).sort());
        assert.deepEqual(await store.getSweep('quickstart'), sweep);
        assert.deepEqual(await store.getSweepById(sweep.id), sweep);
        assert.deepEqual((await store.listSweeps()).map((s) => s.id), [sweep.id]);
        assert.equal(await store.getSweep('nope'), null);
      });

      it('resumes the same name and spec hash without adding trials', async () => {
        const first = (await store.openSweep(sweepInput())).sweep;
        const again = await store.openSweep(sweepInput({ specYaml: `# a comment\n${SPEC_YAML}` }));
        assert.equal(again.resumed, true);
        assert.equal(again.sweep.id, first.id);
        assert.equal((await store.listTrials(first.id)).length, 6);
        assert.equal((await store.listSweeps()).length, 1);
      });

      it('refuses a changed spec under the same name, saying what changed', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const changed = SPEC_YAML.replace('[0.1, 0.01, 0.001]', '[0.1, 0.01]');
        const err = await expectStoreError(
          () => store.openSweep(sweepInput({ specYaml: changed, specHash: 'hash-2', trials: quickstartTrials().slice(0, 4) })),
          'E_SPEC_CHANGED',
        );
        assert.match(err.message, /- 5: {3}learning_rate: \{values: \[0\.1, 0\.01, 0\.001\]\}/);
        assert.match(err.message, /\+ 5: {3}learning_rate: \{values: \[0\.1, 0\.01\]\}/);
        assert.doesNotMatch(err.message, /normalization/);
        assert.match(err.message, /--force/);
        assert.equal((await store.listTrials(sweep.id)).length, 6);
        assert.equal((await store.listSweeps()).length, 1);
      });

      it('refuses the same spec hash when the stored trials differ from the plan', async () => {
        await store.openSweep(sweepInput());
        // Another key at a stored idx. (A plan that is a prefix of the stored trials now
        // resumes: trials a sampler added later may follow; see addTrials below.)
        const otherKey = [...quickstartTrials().slice(0, 5), plannedTrial(5, params({ seed: 99 }))];
        await expectStoreError(
          () => store.openSweep(sweepInput({ trials: otherKey })),
          'E_SPEC_CHANGED',
          /plans different trials/,
        );
        // A planned trial that is not stored.
        const longer = [...quickstartTrials(), plannedTrial(6, params({ seed: 99 }))];
        await expectStoreError(
          () => store.openSweep(sweepInput({ trials: longer })),
          'E_SPEC_CHANGED',
          /plans different trials/,
        );
      });

      it('with force, keeps the old sweep as name@id and starts a new one under the name', async () => {
        const old = (await store.openSweep(sweepInput())).sweep;
        await store.finishTrial((await store.listTrials(old.id))[0].id, completed(2), 1);
        const trials = [plannedTrial(0, params({ learning_rate: 0.5 }))];
        const { sweep, resumed } = await store.openSweep(sweepInput({ specYaml: 'changed', specHash: 'hash-2', trials, force: true }));
        assert.equal(resumed, false);
        assert.notEqual(sweep.id, old.id);
        assert.equal((await store.getSweep('quickstart'))?.id, sweep.id);
        assert.equal((await store.listTrials(sweep.id)).length, 1);
        const kept = await store.getSweep(`quickstart@${old.id}`);
        assert.equal(kept?.id, old.id);
        assert.equal((await store.listTrials(old.id)).length, 6);
        assert.equal((await store.listTrials(old.id, ['completed'])).length, 1);
      });

      it('with force, refuses while another live process owns the old sweep', async () => {
        const old = (await store.openSweep(sweepInput())).sweep;
        await store.acquireSweep(old.id, process.ppid);
        await expectStoreError(
          () => store.openSweep(sweepInput({ specHash: 'hash-2', force: true })),
          'E_SWEEP_BUSY',
          new RegExp(`process ${process.ppid}\\b`),
        );
        assert.equal((await store.getSweep('quickstart'))?.id, old.id);
      });
    });

    describe('deleteSweep', () => {
      it('removes the sweep with its trials, values, epochs and weights; another sweep reusing them keeps its own copy', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [t] = await store.listTrials(sweep.id);
        await claim(t.id);
        await store.finishTrial(t.id, completed(2), 1);
        const other = (await store.openSweep(sweepInput({ name: 'copy' }))).sweep;
        const [u] = await store.listTrials(other.id);
        await store.copyTrialResults(t.id, u.id);
        await store.deleteSweep(sweep.id);
        assert.equal(await store.getSweep('quickstart'), null);
        assert.equal(await store.getTrial(t.id), null);
        assert.deepEqual(await store.getEpochs(t.id), []);
        assert.equal(await store.getWeights(t.id), null);
        const copied = (await store.getTrial(u.id))!;
        assert.equal(copied.reused_from, null);
        assert.equal(copied.status, 'completed');
        assert.equal((await store.getEpochs(u.id)).length, 2);
      });

      it('refuses a sweep a live process owns and removes nothing', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        await store.acquireSweep(sweep.id, process.ppid);
        await expectStoreError(() => store.deleteSweep(sweep.id), 'E_SWEEP_BUSY');
        assert.equal((await store.listTrials(sweep.id)).length, 6);
      });
    });

    describe('ownership', () => {
      it('refuses a sweep owned by another live process and names it', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        await store.acquireSweep(sweep.id, process.ppid);
        assert.equal((await store.getSweepById(sweep.id))?.owner_pid, process.ppid);
        await expectStoreError(() => store.acquireSweep(sweep.id, process.pid), 'E_SWEEP_BUSY', new RegExp(`process ${process.ppid}\\b`));
        assert.equal((await store.getSweepById(sweep.id))?.owner_pid, process.ppid);
      });

      it('takes over a sweep whose owner died', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        await store.acquireSweep(sweep.id, deadPid());
        await store.acquireSweep(sweep.id, process.pid);
        const s = (await store.getSweepById(sweep.id))!;
        assert.equal(s.owner_pid, process.pid);
        assert.equal(s.status, 'running');
        assert.match(s.last_run_at ?? '', isoUtc);
      });

      it('lets the owner acquire again, and release sets the status and clears the owner', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        await store.acquireSweep(sweep.id, process.pid);
        await store.acquireSweep(sweep.id, process.pid);
        assert.equal(await store.releaseSweep(sweep.id, 'completed'), true);
        const s = (await store.getSweepById(sweep.id))!;
        assert.equal(s.status, 'completed');
        assert.equal(s.owner_pid, null);
        assert.equal(s.owner_host, null);
        await store.acquireSweep(sweep.id, process.ppid);
        assert.equal((await store.getSweepById(sweep.id))?.status, 'running');
      });
    });

    describe('trial lifecycle', () => {
      it('reclaims running trials whose lease expired and interrupted trials, and only those', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [a, b, c, d, e] = await store.listTrials(sweep.id);
        await claim(a.id, 'cpu', { worker: 'test-worker', ms: 30 });
        await claim(b.id);
        await store.setStatus(b.id, 'interrupted', 'stopped');
        await store.finishTrial(c.id, completed(2), 1);
        await store.finishTrial(d.id, completed(1, { status: 'failed', reason: 'boom', weights: null }), 1);
        await claim(e.id);
        await store.finishTrial(e.id, { ...completed(1, { status: 'pruned' }), rung: 1 }, 1);
        await sleep(80);
        assert.equal(await store.reclaimExpired(sweep.id), 2);
        assert.deepEqual((await store.listTrials(sweep.id)).map((t) => t.status), ['pending', 'pending', 'completed', 'failed', 'pruned', 'pending']);
        assert.equal(await store.reclaimExpired(sweep.id), 0);
        assert.deepEqual((await store.listTrials(sweep.id, ['pending'])).map((t) => t.idx), [0, 1, 5]);
        assert.deepEqual((await store.listTrials(sweep.id, ['completed', 'failed'])).map((t) => t.idx), [2, 3]);
        const counts = await store.countByStatus(sweep.id);
        assert.deepEqual(counts, { pending: 3, running: 0, completed: 1, failed: 1, diverged: 0, timeout: 0, interrupted: 0, pruned: 1 });
      });

      it('claimTrials starts a fresh attempt', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const t = (await store.listTrials(sweep.id))[0];
        await claim(t.id, 'wasm');
        await store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }]);
        await store.setStatus(t.id, 'pending', 'worker died');
        await claim(t.id, 'wasm');
        const r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'running');
        assert.equal(r.attempt, 2);
        assert.equal(r.backend, 'wasm');
        assert.match(r.started_at ?? '', isoUtc);
        assert.equal(r.error, null);
        assert.equal(r.epochs_done, 0);
        assert.deepEqual(await store.getEpochs(t.id), []);
      });

      it('recordEpochs is idempotent per (trial, epoch)', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [t, u] = await store.listTrials(sweep.id);
        await claim(t.id);
        await store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }, { trialId: u.id, m: epoch(1) }]);
        await store.recordEpochs([{ trialId: t.id, m: epoch(2, 0.125) }]);
        const rows = await store.getEpochs(t.id);
        assert.deepEqual(rows, [epoch(1), epoch(2, 0.125)]);
        assert.equal((await store.getTrial(t.id))?.epochs_done, 2);
        assert.deepEqual(await store.getEpochs(u.id), [epoch(1)]);
        await store.recordEpochs([]);
      });

      it('finishTrial stores the outcome, metrics, epochs and weights (bytes intact)', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const t = (await store.listTrials(sweep.id))[0];
        await claim(t.id, 'auto');
        await store.recordEpochs([1, 2, 3, 4, 5].map((n) => ({ trialId: t.id, m: epoch(n) })));
        const result = completed(3, { warnings: ['loss_at_variance', 'slow'], backend: 'tensorflow' });
        await store.finishTrial(t.id, result, 12.5);
        const r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'completed');
        assert.equal(r.backend, 'tensorflow');
        assert.equal(r.duration_s, 12.5);
        assert.equal(r.epochs_done, 3);
        assert.equal(r.best_epoch, 3);
        assert.equal(r.error, null);
        assert.deepEqual(r.warnings, ['loss_at_variance', 'slow']);
        assert.deepEqual(r.final, result.final);
        assert.match(r.finished_at ?? '', isoUtc);
        assert.deepEqual(await store.getEpochs(t.id), result.epochs, 'epochs 4 and 5 of the earlier attempt are gone');
        const w = (await store.getWeights(t.id))!;
        const expected = weights();
        assert.ok(w.weightData instanceof ArrayBuffer);
        assert.deepEqual(new Uint8Array(w.weightData), new Uint8Array(expected.weightData));
        assert.deepEqual(w.weightSpecs, expected.weightSpecs);
        assert.deepEqual(w.modelTopology, expected.modelTopology);
        assert.deepEqual(w.normalization, expected.normalization);
      });

      it('finishTrial keeps weights only for completed trials, and records reason and rung', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [t, u] = await store.listTrials(sweep.id);
        await store.finishTrial(t.id, completed(2), 1);
        assert.ok(await store.getWeights(t.id));
        assert.deepEqual(await store.claimTrials([t.id], LEASE, 'cpu'), [], 'a completed trial is not claimed');
        assert.ok(await store.getWeights(t.id));
        await store.setStatus(t.id, 'pending');
        await claim(t.id);
        assert.equal(await store.getWeights(t.id), null, 'a new attempt drops the old weights');
        await store.finishTrial(t.id, completed(2, { status: 'diverged', reason: 'loss became NaN at epoch 3' }), 2);
        assert.equal(await store.getWeights(t.id), null);
        assert.equal((await store.getTrial(t.id))?.error, 'loss became NaN at epoch 3');
        await store.finishTrial(u.id, { ...completed(3, { status: 'pruned' }), rung: 3 }, 1);
        assert.equal((await store.getTrial(u.id))?.rung, 3);
        assert.equal((await store.getTrial(u.id))?.status, 'pruned');
        await store.finishTrial(u.id, completed(0, { status: 'failed', reason: 'worker died', weights: null }), 0);
        const f = (await store.getTrial(u.id))!;
        assert.equal(f.final, null);
        assert.equal(f.best_epoch, null);
        assert.equal(f.rung, null);
        assert.deepEqual(await store.getEpochs(u.id), []);
      });

      it('setStatus sets the state, keeps or replaces the error, and stamps end states', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const t = (await store.listTrials(sweep.id))[0];
        await claim(t.id);
        await store.setStatus(t.id, 'pending', 'worker died (attempt 1)');
        let r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'pending');
        assert.equal(r.error, 'worker died (attempt 1)');
        assert.equal(r.finished_at, null);
        await store.setStatus(t.id, 'interrupted');
        r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'interrupted');
        assert.equal(r.error, 'worker died (attempt 1)');
        assert.match(r.finished_at ?? '', isoUtc);
        await store.setStatus(t.id, 'failed', null);
        assert.equal((await store.getTrial(t.id))?.error, null);
      });

      it('refuses unknown trial ids', async () => {
        assert.deepEqual(await store.claimTrials([999], LEASE, 'cpu'), [], 'an unknown trial is not claimed');
        assert.deepEqual(await store.renewLeases([999], LEASE), []);
        await expectStoreError(() => store.setStatus(999, 'failed'), 'E_NO_TRIAL');
        await expectStoreError(() => store.finishTrial(999, completed(1), 1), 'E_NO_TRIAL');
        await expectStoreError(() => store.acquireSweep(999, process.pid), 'E_NO_SWEEP');
        assert.equal(await store.getTrial(999), null);
        assert.equal(await store.getWeights(999), null);
      });

      it('hands out copies: mutating a record does not change the store', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const t = (await store.listTrials(sweep.id))[0];
        t.params.learning_rate = 42;
        t.warnings.push('x');
        assert.equal((await store.getTrial(t.id))?.params.learning_rate, 0.1);
        assert.deepEqual((await store.getTrial(t.id))?.warnings, []);
      });
    });

    describe('leases', () => {
      it('an expired lease sends the trial back to pending', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [t] = await store.listTrials(sweep.id);
        await claim(t.id, 'cpu', { worker: 'test-worker', ms: 30 });
        assert.equal(leaseOf(t.id)?.lease_owner ?? 'test-worker', 'test-worker');
        await sleep(80);
        assert.equal(await store.reclaimExpired(sweep.id), 1);
        const r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'pending');
        assert.equal(r.attempt, 1);
        const lease = leaseOf(t.id);
        if (lease) assert.deepEqual(lease, { lease_owner: null, lease_expires_at: null });
        assert.equal(await store.reclaimExpired(sweep.id), 0);
        await claim(t.id);
        assert.equal((await store.getTrial(t.id))?.attempt, 2, 'a reclaimed trial is claimed again as a new attempt');
      });

      it('never reclaims a live lease', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [t] = await store.listTrials(sweep.id);
        await claim(t.id);
        const before = leaseOf(t.id);
        if (before) {
          assert.equal(before.lease_owner, 'test-worker');
          assert.match(before.lease_expires_at ?? '', isoUtc);
          const left = Date.parse(before.lease_expires_at!) - Date.now();
          assert.ok(left > 50_000 && left <= 60_000, `lease ends in ${left} ms`);
        }
        await store.recordEpochs([{ trialId: t.id, m: epoch(1) }]);
        assert.equal(await store.reclaimExpired(sweep.id), 0);
        const r = (await store.getTrial(t.id))!;
        assert.equal(r.status, 'running');
        assert.equal(r.attempt, 1);
        assert.equal(r.epochs_done, 1);
        assert.deepEqual(leaseOf(t.id), before, 'the lease is unchanged');
      });

      it('claims only pending trials: a trial another worker holds is left alone', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [a, b, c, d] = await store.listTrials(sweep.id);
        await store.finishTrial(d.id, completed(1), 1);
        assert.deepEqual(await store.claimTrials([c.id, a.id], OTHER, 'wasm'), [c.id, a.id], 'in the order given');
        await store.recordEpochs([{ trialId: a.id, m: epoch(1) }]);
        const before = leaseOf(a.id);
        assert.deepEqual(await store.claimTrials([a.id, b.id, d.id], LEASE, 'cpu'), [b.id]);
        const r = (await store.getTrial(a.id))!;
        assert.equal(r.status, 'running');
        assert.equal(r.attempt, 1, 'attempt unchanged');
        assert.equal(r.backend, 'wasm');
        assert.equal(r.epochs_done, 1);
        assert.deepEqual(await store.getEpochs(a.id), [epoch(1)], "the other worker's epochs are kept");
        assert.deepEqual(leaseOf(a.id), before, "the other worker's lease is unchanged");
        if (before) assert.equal(before.lease_owner, 'other-worker');
        assert.equal((await store.getTrial(b.id))?.attempt, 1);
        assert.equal((await store.getTrial(d.id))?.status, 'completed');
        assert.equal((await store.getTrial(d.id))?.attempt, 0);
        assert.deepEqual(await store.claimTrials([a.id], OTHER, 'wasm'), [], 'not even by its own worker: it is not pending');
        assert.equal((await store.getTrial(a.id))?.attempt, 1);
        assert.deepEqual(await store.claimTrials([], LEASE, 'cpu'), []);
      });

      it('renewLeases extends only the leases the worker holds', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [mine, theirs, idle] = await store.listTrials(sweep.id);
        await claim(mine.id, 'cpu', { worker: 'test-worker', ms: 30 });
        await claim(theirs.id, 'cpu', { worker: 'other-worker', ms: 30 });
        const theirsBefore = leaseOf(theirs.id);
        assert.deepEqual(await store.renewLeases([mine.id, theirs.id, idle.id], LEASE), [mine.id]);
        assert.deepEqual(leaseOf(theirs.id), theirsBefore, "another worker's lease is not extended");
        const renewed = leaseOf(mine.id);
        if (renewed) {
          assert.equal(renewed.lease_owner, 'test-worker');
          assert.ok(Date.parse(renewed.lease_expires_at!) - Date.now() > 50_000, 'extended to now + 60 s');
        }
        assert.deepEqual(await store.renewLeases([mine.id], OTHER), [], 'nor by another worker');
        assert.deepEqual(await store.renewLeases([], LEASE), []);
        await sleep(80);
        assert.equal(await store.reclaimExpired(sweep.id), 1, 'only the lease nobody renewed expired');
        assert.equal((await store.getTrial(mine.id))?.status, 'running');
        assert.equal((await store.getTrial(theirs.id))?.status, 'pending');
        assert.equal((await store.getTrial(idle.id))?.status, 'pending');
        assert.deepEqual(await store.renewLeases([theirs.id], OTHER), [], 'a reclaimed lease cannot be renewed');
      });

      it('finishTrial and setStatus end the lease: a finished trial is never reclaimed', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [a, b, c] = await store.listTrials(sweep.id);
        for (const t of [a, b, c]) await claim(t.id, 'cpu', { worker: 'test-worker', ms: 30 });
        await store.finishTrial(a.id, completed(2), 1);
        await store.finishTrial(b.id, completed(1, { status: 'failed', reason: 'boom', weights: null }), 1);
        await store.setStatus(c.id, 'timeout', 'too slow');
        for (const t of [a, b, c]) {
          const lease = leaseOf(t.id);
          if (lease) assert.deepEqual(lease, { lease_owner: null, lease_expires_at: null }, `trial ${t.idx}`);
        }
        assert.deepEqual(await store.renewLeases([a.id, b.id, c.id], LEASE), [], 'a finished trial holds no lease');
        await sleep(80);
        assert.equal(await store.reclaimExpired(sweep.id), 0);
        assert.deepEqual((await store.listTrials(sweep.id)).slice(0, 3).map((t) => t.status), ['completed', 'failed', 'timeout']);
        assert.equal((await store.getTrial(a.id))?.attempt, 1);
        assert.ok(await store.getWeights(a.id));
      });
    });

    describe('addTrials', () => {
      const added = () => [plannedTrial(6, params({ seed: 6 })), plannedTrial(7, params({ seed: 7 }))];

      it('adds new pending trials and skips those stored already', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const [first] = await store.listTrials(sweep.id);
        await claim(first.id);
        const records = await store.addTrials(sweep.id, [quickstartTrials()[0], ...added()]);
        assert.deepEqual(records.map((r) => r.idx), [0, 6, 7]);
        assert.equal(records[0].id, first.id);
        assert.equal(records[0].status, 'running', 'a stored trial is skipped, its state kept');
        assert.equal(records[0].attempt, 1);
        assert.deepEqual(records.slice(1).map((r) => r.trial_key), added().map((t) => t.key));
        assert.deepEqual(records[1].params, added()[0].params);
        assert.ok(records.slice(1).every((r) => r.status === 'pending' && r.attempt === 0 && r.sweep_id === sweep.id && r.final === null));
        const trials = await store.listTrials(sweep.id);
        assert.deepEqual(trials.map((t) => t.idx), [0, 1, 2, 3, 4, 5, 6, 7]);
        assert.deepEqual(await store.getTrial(records[2].id), records[2]);
        const again = await store.addTrials(sweep.id, added());
        assert.deepEqual(again.map((r) => r.id), records.slice(1).map((r) => r.id), 'identical trials are skipped');
        assert.equal((await store.listTrials(sweep.id)).length, 8);
        assert.equal((await store.countByStatus(sweep.id)).pending, 7);
        assert.deepEqual(await store.addTrials(sweep.id, []), []);
      });

      it('refuses another key at a stored idx, adding nothing', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        const before = await store.listTrials(sweep.id);
        await expectStoreError(
          () => store.addTrials(sweep.id, [plannedTrial(6, params({ seed: 6 })), plannedTrial(1, params({ seed: 99 }))]),
          'E_SPEC_CHANGED',
          /index 1/,
        );
        assert.deepEqual(await store.listTrials(sweep.id), before, 'one transaction: idx 6 was not added either');
        await expectStoreError(() => store.addTrials(999, added()), 'E_NO_SWEEP');
      });

      it('openSweep resumes a sweep that has trials added later', async () => {
        const { sweep } = await store.openSweep(sweepInput());
        await store.addTrials(sweep.id, added());
        const again = await store.openSweep(sweepInput());
        assert.equal(again.resumed, true);
        assert.equal(again.sweep.id, sweep.id);
        assert.equal((await store.listTrials(sweep.id)).length, 8, 'the added trials are kept');
        const withAdded = await store.openSweep(sweepInput({ trials: [...quickstartTrials(), ...added()] }));
        assert.equal(withAdded.resumed, true);
        const changed = [...quickstartTrials(), plannedTrial(6, params({ seed: 99 }))];
        await expectStoreError(() => store.openSweep(sweepInput({ trials: changed })), 'E_SPEC_CHANGED');
        assert.equal((await store.listSweeps()).length, 1);
      });
    });

    describe('--reuse', () => {
      it('finds the newest completed trial with a key in any sweep', async () => {
        const a = (await store.openSweep(sweepInput({ name: 'a' }))).sweep;
        const key = (await store.listTrials(a.id))[0].trial_key;
        assert.equal(await store.findCompletedByKey(key), null);
        const ta = (await store.listTrials(a.id))[0];
        await store.finishTrial(ta.id, completed(1, { status: 'failed', weights: null }), 1);
        assert.equal(await store.findCompletedByKey(key), null, 'failed trials are not reused');
        await store.finishTrial(ta.id, completed(2), 1);
        assert.equal((await store.findCompletedByKey(key))?.id, ta.id);
        const b = (await store.openSweep(sweepInput({ name: 'b' }))).sweep;
        const tb = (await store.listTrials(b.id))[0];
        await store.finishTrial(tb.id, completed(3), 1);
        assert.equal((await store.findCompletedByKey(key))?.id, tb.id);
        assert.equal(await store.findCompletedByKey('no-such-key'), null);
      });

      it('copies status, metrics, epochs and weights onto another trial', async () => {
        const a = (await store.openSweep(sweepInput({ name: 'a' }))).sweep;
        const b = (await store.openSweep(sweepInput({ name: 'b' }))).sweep;
        const from = (await store.listTrials(a.id))[2];
        const to = (await store.listTrials(b.id))[2];
        await claim(from.id);
        const result = completed(4, { warnings: ['loss_at_variance'] });
        await store.finishTrial(from.id, result, 3.5);
        await store.recordEpochs([{ trialId: to.id, m: epoch(9) }]);
        await store.copyTrialResults(from.id, to.id);
        const r = (await store.getTrial(to.id))!;
        const src = (await store.getTrial(from.id))!;
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
        assert.deepEqual(await store.getEpochs(to.id), result.epochs);
        assert.deepEqual(new Uint8Array((await store.getWeights(to.id))!.weightData), new Uint8Array(weights().weightData));
        assert.deepEqual(await store.getEpochs(from.id), result.epochs, 'the source is unchanged');
      });
    });
  });
}
