import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { StoreError } from '../../src/errors.js';
import { loadMigrations, migrate, TFSWEEP_APPLICATION_ID } from '../../src/storage/sqlite/migrations.js';
import { assignColumnName } from '../../src/storage/sqlite/results-view.js';
import { openStore, type SqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { completed, deadPid, params, plannedTrial, sweepInput, tempDir } from './helpers.js';
import { storeContract } from './contract.js';

storeContract('SQLite file', () => {
  const { dir, cleanup } = tempDir();
  return { store: openStore(join(dir, 'tfsweep.db')), cleanup };
});

function isStoreError(code: string, message?: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof StoreError, `expected StoreError ${code}, got ${String(e)}`);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    return true;
  };
}

/** For the synchronous parts (openStore, migrations). */
function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  assert.throws(fn, isStoreError(code, message));
}

/** For store methods (they return Promises). */
async function expectRejects(fn: () => Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(fn, isStoreError(code, message));
}

const LEASE = { worker: 'test-worker', ms: 60_000 };

describe('SQLite store', () => {
  let dir: string;
  let cleanup: () => void;
  let dbPath: string;
  const open: SqliteStore[] = [];
  const track = (s: SqliteStore): SqliteStore => {
    open.push(s);
    return s;
  };
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    dbPath = join(dir, 'nested', 'results', 'tfsweep.db');
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.closeNow();
    cleanup();
  });

  describe('opening and migrations', () => {
    it('creates the folder and the schema on a fresh file, in WAL with synchronous=FULL', () => {
      const store = track(openStore(dbPath));
      assert.ok(existsSync(dbPath));
      const db = store.db;
      assert.equal(db.pragma('user_version', { simple: true }), loadMigrations().length);
      assert.equal(db.pragma('application_id', { simple: true }), TFSWEEP_APPLICATION_ID);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('synchronous', { simple: true }), 2);
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      const names = (db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
        type: string; name: string;
      }[]).map((r) => `${r.type}:${r.name}`);
      for (const n of ['table:sweeps', 'table:trials', 'table:epochs', 'table:weights', 'table:param_columns', 'table:trial_values',
        'table:epoch_values', 'view:results', 'view:epoch_results', 'index:trials_trial_key']) {
        assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
      }
      const cols = (t: string) => (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      assert.deepEqual(cols('epochs'), ['trial_id', 'epoch', 'seconds']);
      assert.deepEqual(cols('epoch_results'), [
        'sweep', 'trial_id', 'epoch', 'loss', 'val_loss', 'val_mse', 'val_mae', 'val_r2', 'val_nmse', 'val_corr',
        'accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_f1', 'val_auc', 'val_top_k_accuracy', 'val_majority_rate', 'val_top_class_share',
        'seconds',
      ]);
      const trialCols = cols('trials');
      for (const c of ['id', 'sweep_id', 'trial_key', 'idx', 'params_json', 'status', 'attempt', 'backend', 'started_at',
        'finished_at', 'duration_s', 'epochs_done', 'best_epoch', 'error', 'warnings', 'has_final', 'rung', 'lease_owner',
        'lease_expires_at', 'confusion']) {
        assert.ok(trialCols.includes(c), `trials.${c}`);
      }
      assert.ok(!trialCols.includes('val_r2'), 'metrics are rows of trial_values, not columns');
      for (const c of ['loss', 'val_r2', 'identity_hits', 'diag_mean']) assert.ok(cols('results').includes(c), `results.${c}`);
    });

    it('reopens an existing file without migrating it again, data intact', async () => {
      const a = openStore(dbPath);
      const { sweep } = await a.openSweep(sweepInput());
      await a.close();
      const b = track(openStore(dbPath));
      assert.equal(b.db.pragma('user_version', { simple: true }), loadMigrations().length);
      assert.equal((await b.listTrials(sweep.id)).length, 6);
      assert.equal((await b.openSweep(sweepInput())).resumed, true);
    });

    it('opens a database saved by schema version 1 and reads every table', async () => {
      // test/storage/fixtures/schema-v1.sql is the database the version-1 store wrote, as SQL
      // text (a reviewable dump, pragmas included): one sweep (quickstart) with a completed,
      // a failed, a pruned and an interrupted trial. When a migration is added, this test
      // checks the upgrade path from it. Never regenerate it.
      const fixture = fileURLToPath(new URL('../../../test/storage/fixtures/schema-v1.sql', import.meta.url));
      mkdirSync(join(dir, 'nested', 'results'), { recursive: true });
      const old = new Database(dbPath);
      old.exec(readFileSync(fixture, 'utf8'));
      old.close();
      const store = track(openStore(dbPath));
      assert.equal(store.db.pragma('user_version', { simple: true }), loadMigrations().length);
      const sweep = (await store.getSweep('quickstart'))!;
      assert.equal(sweep.status, 'interrupted');
      assert.equal(sweep.owner_pid, null);
      assert.deepEqual((await store.listTrials(sweep.id)).map((t) => t.status), ['completed', 'failed', 'pruned', 'interrupted', 'pending', 'pending']);
      const [done, failed, pruned] = await store.listTrials(sweep.id);
      assert.deepEqual(done.warnings, ['loss_at_variance']);
      assert.equal((await store.getEpochs(done.id)).length, 3);
      assert.deepEqual(new Uint8Array((await store.getWeights(done.id))!.weightData), new Uint8Array([0, 1, 2, 3, 250, 251, 252, 253]));
      assert.equal(failed.error, 'boom');
      assert.equal(pruned.rung, 2);
      const row = store.db.prepare("SELECT normalization, kernel_regularizer, val_r2 FROM results WHERE sweep = 'quickstart' AND status = 'completed'").get();
      assert.deepEqual(row, { normalization: 'none', kernel_regularizer: 'none', val_r2: done.final!.val_r2 });
      // Version 1's metric columns became value rows: every final metric and every epoch's values survive.
      assert.equal(typeof done.final!.val_r2, 'number');
      assert.equal(typeof done.final!.loss, 'number');
      assert.equal(failed.final, null);
      assert.equal(done.final!.identity_hits, 3);
      assert.ok((await store.getEpochs(done.id)).every((e) => typeof e.loss === 'number' && typeof e.val_r2 === 'number'));
      const epochRows = store.db.prepare('SELECT count(*) AS n FROM epoch_results WHERE trial_id = ? AND val_mse IS NOT NULL').get(done.id);
      assert.deepEqual(epochRows, { n: 3 });
      assert.equal(await store.reclaimExpired(sweep.id), 1, 'the interrupted trial');
    });

    it('refuses a schema newer than the code and leaves the file alone', () => {
      mkdirSync(join(dir, 'nested', 'results'), { recursive: true });
      const raw = new Database(dbPath);
      raw.pragma(`application_id = ${TFSWEEP_APPLICATION_ID}`);
      raw.pragma('user_version = 999');
      raw.close();
      const before = readFileSync(dbPath);
      expectCode(() => openStore(dbPath), 'E_SCHEMA_NEWER', /version 999.*upgrade tfsweep/);
      expectCode(() => openStore(dbPath, { readonly: true }), 'E_SCHEMA_NEWER');
      assert.deepEqual(readFileSync(dbPath), before);
    });

    it("refuses another application's database", () => {
      mkdirSync(join(dir, 'nested', 'results'), { recursive: true });
      const raw = new Database(dbPath);
      raw.exec('CREATE TABLE invoices (id INTEGER)');
      raw.close();
      expectCode(() => openStore(dbPath), 'E_NOT_TFSWEEP_DB');
      const other = join(dir, 'other.db');
      const raw2 = new Database(other);
      raw2.pragma('application_id = 42');
      raw2.close();
      expectCode(() => openStore(other), 'E_NOT_TFSWEEP_DB', /application_id 42/);
      const text = join(dir, 'notes.db');
      writeFileSync(text, 'this is not a database, just some text that is long enough to have a header '.repeat(10));
      expectCode(() => openStore(text), 'E_OPEN');
    });

    it('applies migrations in one transaction: a failing one leaves the file as it was', () => {
      const raw = new Database(join(dir, 'm.db'));
      const bad = { version: 2, file: '000002.sql', sql: 'CREATE TABLE extra (a INTEGER); SELECT nope FROM missing_table;' };
      expectCode(() => migrate(raw, 'm.db', [...loadMigrations(), bad]), 'E_MIGRATION', /000002\.sql/);
      assert.equal(raw.pragma('user_version', { simple: true }), 0);
      assert.equal((raw.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('sweeps', 'extra')").get() as { n: number }).n, 0);
      assert.deepEqual(migrate(raw, 'm.db'), { from: 0, to: loadMigrations().length });
      raw.close();
    });

    it('refuses a migrations folder with a gap in its numbering', () => {
      const m = join(dir, 'migrations');
      mkdirSync(m);
      writeFileSync(join(m, '000001.sql'), 'SELECT 1;');
      writeFileSync(join(m, '000003.sql'), 'SELECT 1;');
      expectCode(() => loadMigrations(m), 'E_NO_MIGRATIONS', /000003\.sql.*000002\.sql/);
    });

    it('keeps status to the eight trial states', async () => {
      const store = track(openStore(dbPath));
      const { sweep } = await store.openSweep(sweepInput());
      assert.throws(() => store.db.prepare("UPDATE trials SET status = 'bogus' WHERE sweep_id = ?").run(sweep.id), /CHECK constraint/);
      assert.throws(
        () => store.db.prepare('INSERT INTO trials (sweep_id, trial_key, idx, params_json, params_text_json) VALUES (?, ?, 0, ?, ?)')
          .run(sweep.id, 'k', '{}', '{}'),
        /UNIQUE constraint failed: trials.sweep_id, trials.idx/,
      );
    });
  });

  describe('readonly connections', () => {
    it('refuses a missing file or an older schema', () => {
      expectCode(() => openStore(dbPath, { readonly: true }), 'E_NO_DB');
      assert.equal(existsSync(dbPath), false);
      const empty = join(dir, 'empty.db');
      new Database(empty).close();
      expectCode(() => openStore(empty, { readonly: true }), 'E_SCHEMA_OLD');
    });

    it('sees what the writer committed while both are open (WAL), and cannot write', async () => {
      const writer = track(openStore(dbPath));
      const { sweep } = await writer.openSweep(sweepInput());
      const reader = track(openStore(dbPath, { readonly: true }));
      const t = (await writer.listTrials(sweep.id))[0];
      assert.deepEqual(await writer.claimTrials([t.id], LEASE, 'cpu'), [t.id]);
      await writer.finishTrial(t.id, completed(2), 1);
      assert.equal((await reader.getTrial(t.id))?.status, 'completed');
      assert.equal((await reader.getEpochs(t.id)).length, 2);
      assert.ok(await reader.getWeights(t.id));
      const row = reader.db.prepare('SELECT status, val_r2 FROM results WHERE trial_id = ?').get(t.id) as { status: string; val_r2: number };
      assert.equal(row.status, 'completed');
      await assert.rejects(() => reader.setStatus(t.id, 'failed'), /readonly/);
      assert.equal((await writer.getTrial(t.id))?.status, 'completed');
    });

    it('lets the writer commit while a reader holds a snapshot open (WAL)', async () => {
      const writer = track(openStore(dbPath, { busyTimeoutMs: 200 }));
      const { sweep } = await writer.openSweep(sweepInput());
      const reader = track(openStore(dbPath, { readonly: true }));
      const [t] = await writer.listTrials(sweep.id);
      reader.db.exec('BEGIN');
      assert.equal((await reader.getTrial(t.id))?.status, 'pending');
      await writer.finishTrial(t.id, completed(2), 1);
      assert.equal((await reader.getTrial(t.id))?.status, 'pending', 'the open snapshot does not change');
      reader.db.exec('COMMIT');
      assert.equal((await reader.getTrial(t.id))?.status, 'completed');
    });
  });

  describe('the results view', () => {
    function columns(store: SqliteStore): string[] {
      return (store.db.prepare('PRAGMA table_info(results)').all() as { name: string }[]).map((c) => c.name);
    }

    it('has one row per trial and a column per parameter, metrics after them', async () => {
      const store = track(openStore(dbPath));
      await store.openSweep(sweepInput());
      assert.deepEqual(columns(store), [
        'sweep', 'trial_id', 'trial_key', 'status',
        'activity_regularizer', 'batch_size', 'early_stopping_patience', 'epochs', 'kernel_regularizer', 'learning_rate',
        'param_loss', 'model_layers_0_activation', 'momentum', 'normalization', 'optimizer', 'seed',
        'loss', 'val_loss', 'val_mse', 'val_mae', 'val_r2', 'val_nmse', 'val_corr', 'identity_hits', 'diag_mean',
        'accuracy', 'val_accuracy', 'val_balanced_accuracy', 'val_f1', 'val_auc', 'val_top_k_accuracy', 'val_majority_rate', 'val_top_class_share',
        'epochs_done', 'best_epoch', 'duration_s', 'backend', 'warnings', 'rung', 'error', 'idx',
      ]);
      assert.equal((store.db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n, 6);
    });

    it('keeps numbers numeric and shows objects and null as compact text', async () => {
      const store = track(openStore(dbPath));
      await store.openSweep(sweepInput());
      const rows = store.db.prepare(
        `SELECT learning_rate, typeof(learning_rate) AS lr_type, typeof(batch_size) AS bs_type, kernel_regularizer,
                activity_regularizer, model_layers_0_activation, param_loss, normalization
         FROM results WHERE sweep = 'quickstart' ORDER BY learning_rate, normalization`,
      ).all() as Record<string, unknown>[];
      assert.deepEqual(rows.map((r) => r.learning_rate), [0.001, 0.001, 0.01, 0.01, 0.1, 0.1]);
      assert.ok(rows.every((r) => r.lr_type === 'real' && r.bs_type === 'integer'));
      assert.deepEqual(rows.map((r) => r.kernel_regularizer), ['none', 'l1=1e-05', 'none', 'l1=1e-05', 'none', 'l1=1e-05']);
      assert.ok(rows.every((r) => r.activity_regularizer === 'none' && r.model_layers_0_activation === 'relu' && r.param_loss === 'mse'));
    });

    it("answers the README's GROUP BY query, with final metrics and warnings as columns", async () => {
      const store = track(openStore(dbPath));
      const { sweep } = await store.openSweep(sweepInput());
      for (const t of await store.listTrials(sweep.id)) {
        const r2 = t.params.normalization === 'sample' ? 0.9 : 0.2;
        const base = completed(2, { warnings: t.params.normalization === 'none' ? ['loss_at_variance'] : [] });
        await store.finishTrial(t.id, { ...base, final: { ...base.final!, val_r2: r2 + Number(t.params.learning_rate) } }, 1);
      }
      const rows = store.db.prepare(
        "SELECT normalization, avg(val_r2) FROM results WHERE sweep = 'quickstart' GROUP BY 1",
      ).raw().all() as [string, number][];
      assert.equal(rows.length, 2);
      const avg = Object.fromEntries(rows);
      assert.ok(Math.abs(avg.sample - (0.9 + 0.037)) < 1e-12, String(avg.sample));
      assert.ok(Math.abs(avg.none - (0.2 + 0.037)) < 1e-12, String(avg.none));
      const flagged = store.db.prepare("SELECT DISTINCT warnings FROM results WHERE normalization = 'none'").pluck().all();
      assert.deepEqual(flagged, ['loss_at_variance']);
      const row = store.db.prepare("SELECT epochs_done, best_epoch, duration_s, backend, identity_hits FROM results WHERE normalization = 'sample' LIMIT 1").get();
      assert.deepEqual(row, { epochs_done: 2, best_epoch: 2, duration_s: 1, backend: 'cpu', identity_hits: 3 });
    });

    it('grows a column when a sweep brings a new parameter; other sweeps read NULL there', async () => {
      const store = track(openStore(dbPath));
      const first = (await store.openSweep(sweepInput())).sweep;
      assert.ok(!columns(store).includes('model_layers_1_units'));
      const p = params({ 'model.layers.1.units': 8 });
      await store.openSweep(sweepInput({ name: 'deeper', specHash: 'h-deeper', trials: [plannedTrial(0, p)] }));
      assert.ok(columns(store).includes('model_layers_1_units'));
      const units = store.db.prepare('SELECT sweep, model_layers_1_units AS u FROM results ORDER BY trial_id').all() as { sweep: string; u: unknown }[];
      assert.deepEqual(units.map((r) => r.u), [null, null, null, null, null, null, 8]);
      await store.openSweep(sweepInput({ specHash: 'hash-2', force: true }));
      const names = store.db.prepare('SELECT DISTINCT sweep FROM results ORDER BY sweep').pluck().all();
      assert.deepEqual(names, ['deeper', 'quickstart', `quickstart@${first.id}`]);
    });

    it('is recreated at open when missing', async () => {
      const a = openStore(dbPath);
      await a.openSweep(sweepInput());
      a.db.exec('DROP VIEW results');
      await a.close();
      const b = track(openStore(dbPath));
      assert.ok(columns(b).includes('learning_rate'));
    });

    it('names parameter columns without clashing', () => {
      assert.equal(assignColumnName('model.layers.0.activation', new Set()), 'model_layers_0_activation');
      assert.equal(assignColumnName('loss', new Set()), 'param_loss');
      assert.equal(assignColumnName('Status', new Set()), 'param_Status');
      assert.equal(assignColumnName('a_b', new Set(['a_b'])), 'a_b_2');
      assert.equal(assignColumnName('a.b', new Set(['a_b', 'a_b_2'])), 'a_b_3');
    });
  });

  describe('ownership across processes', () => {
    it('takes over from a reused pid (the pid lives, but it is another process)', async () => {
      const store = track(openStore(dbPath));
      const { sweep } = await store.openSweep(sweepInput());
      await store.acquireSweep(sweep.id, process.ppid);
      await expectRejects(() => store.acquireSweep(sweep.id, process.pid), 'E_SWEEP_BUSY');
      store.db.prepare("UPDATE sweeps SET owner_start = 'another-boot:1' WHERE id = ?").run(sweep.id);
      await store.acquireSweep(sweep.id, process.pid);
      assert.equal((await store.getSweepById(sweep.id))?.owner_pid, process.pid);
    });

    it('refuses an owner on another host, saying how to release it', async () => {
      const store = track(openStore(dbPath));
      const { sweep } = await store.openSweep(sweepInput());
      store.db.prepare("UPDATE sweeps SET owner_pid = 1, owner_host = 'elsewhere' WHERE id = ?").run(sweep.id);
      await expectRejects(() => store.acquireSweep(sweep.id, process.pid), 'E_SWEEP_BUSY', /host elsewhere.*UPDATE sweeps SET owner_pid = NULL/s);
    });

    it('release by a process that does not own the sweep changes nothing', async () => {
      const owner = track(openStore(dbPath));
      const { sweep } = await owner.openSweep(sweepInput());
      await owner.acquireSweep(sweep.id, process.ppid);
      const other = track(openStore(dbPath));
      assert.equal(await other.releaseSweep(sweep.id, 'completed'), false);
      const s = (await other.getSweepById(sweep.id))!;
      assert.equal(s.owner_pid, process.ppid);
      assert.equal(s.status, 'running');
      assert.equal(await owner.releaseSweep(sweep.id, 'interrupted'), true);
      assert.equal((await other.getSweepById(sweep.id))?.status, 'interrupted');
    });

    it('taking over from a dead owner ends its leases, so its running trials are reclaimed at once', async () => {
      const store = track(openStore(dbPath));
      const { sweep } = await store.openSweep(sweepInput());
      const [a, b, c, d, e] = await store.listTrials(sweep.id);
      const dead = deadPid();
      await store.acquireSweep(sweep.id, dead);
      // The dead owner's worker claimed a, b and c, finished c, and let d be interrupted.
      const lease = { worker: `pid-${dead}`, ms: 60_000 };
      assert.deepEqual(await store.claimTrials([a.id, b.id, c.id, d.id], lease, 'cpu'), [a.id, b.id, c.id, d.id]);
      await store.finishTrial(c.id, completed(2), 1);
      await store.setStatus(d.id, 'interrupted', 'stopped');
      assert.equal(await store.reclaimExpired(sweep.id), 1, 'before the takeover only the interrupted trial');
      assert.deepEqual((await store.listTrials(sweep.id, ['running'])).map((t) => t.id), [a.id, b.id]);

      await store.acquireSweep(sweep.id, process.pid);
      assert.equal((await store.getSweepById(sweep.id))?.owner_pid, process.pid);
      const leases = store.db.prepare('SELECT id, lease_owner, lease_expires_at FROM trials WHERE id IN (?, ?) ORDER BY id')
        .all(a.id, b.id) as { id: number; lease_owner: string | null; lease_expires_at: string | null }[];
      assert.ok(leases.every((l) => l.lease_expires_at === null), JSON.stringify(leases));
      assert.equal(await store.reclaimExpired(sweep.id), 2, 'the running trials are reclaimed right away');
      assert.deepEqual((await store.listTrials(sweep.id)).map((t) => t.status), ['pending', 'pending', 'completed', 'pending', 'pending', 'pending']);
      assert.equal((await store.getTrial(a.id))?.attempt, 1);
      assert.deepEqual(await store.claimTrials([a.id, e.id], LEASE, 'cpu'), [a.id, e.id], 'the new owner claims them again');
      assert.equal((await store.getTrial(a.id))?.attempt, 2);
      assert.equal((await store.getTrial(c.id))?.status, 'completed', 'a finished trial is untouched');
    });

    it('after kill -9 mid-sweep: nothing half-written, the sweep is taken over and the running trial reclaimed', async () => {
      const child = spawn(process.execPath, [fileURLToPath(new URL('./kill-child.js', import.meta.url)), dbPath], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes('ready')) resolve();
        });
        child.on('exit', () => reject(new Error('child exited before it was ready')));
      });
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      assert.equal(await exited, 'SIGKILL');

      const store = track(openStore(dbPath));
      assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
      const sweep = (await store.getSweep('killed'))!;
      assert.equal(sweep.owner_pid, child.pid);
      const trials = await store.listTrials(sweep.id);
      const done = trials.filter((t) => t.status === 'completed');
      const running = trials.filter((t) => t.status === 'running');
      assert.ok(done.length >= 5 && done.length < trials.length, `${done.length} completed: killed mid-sweep`);
      assert.ok(running.length <= 1);
      assert.equal(done.length + running.length + trials.filter((t) => t.status === 'pending').length, trials.length);
      for (const t of done) {
        assert.equal(t.epochs_done, 3);
        assert.equal(t.attempt, 1);
        assert.ok(t.final);
        assert.equal((await store.getEpochs(t.id)).length, 3);
        assert.ok(await store.getWeights(t.id), `weights of trial ${t.idx}`);
      }
      for (const t of trials.filter((x) => x.status === 'pending')) {
        assert.equal(t.attempt, 0);
        assert.equal((await store.getEpochs(t.id)).length, 0);
      }

      // The child's lease (60 s) still looks live: only taking the sweep over ends it.
      assert.equal(await store.reclaimExpired(sweep.id), 0);
      assert.equal((await store.listTrials(sweep.id, ['running'])).length, running.length);
      await store.acquireSweep(sweep.id, process.pid);
      assert.equal(await store.reclaimExpired(sweep.id), running.length);
      assert.equal((await store.listTrials(sweep.id, ['running'])).length, 0);
      assert.equal((await store.listTrials(sweep.id, ['completed'])).length, done.length);
    });
  });
});
