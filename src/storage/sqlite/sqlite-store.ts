import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../errors.js';
import type { TrialStatus } from '../../planner/trial.js';
import type { EpochMetrics } from '../../core/metrics.js';
import type { SavedWeights } from '../../core/results.js';
import { epochValues, type MetricValues } from '../../core/metrics.js';
import { checkSchema, loadMigrations, migrate } from './migrations.js';
import { busyMessage, ownerFor, ownerState, thisHost, type Owner } from './ownership.js';
import { rebuildResultsView, registerParams, resultsViewCurrent } from './results-view.js';
import { specChangedMessage } from './spec-diff.js';
import {
  emptyCounts, groupValues, isEndState, paramsJson, paramsTextJson, rowToTrial, toArrayBuffer, warningsText,
  type TrialRow,
} from './rows.js';
import type { PlannedTrial } from '../../planner/trial.js';
import type {
  Lease, OpenSweepInput, ResultStore, StatusCounts, SweepRecord, SweepStatus, TrialFinish, TrialRecord,
} from '../store.js';

export interface OpenStoreOptions {
  /** Open an existing database for reading only (no migrations, no writes). */
  readonly?: boolean;
  /** How long a statement waits for another connection's lock. */
  busyTimeoutMs?: number;
}

/**
 * Long enough to ride out another process's migration or a WAL checkpoint; short
 * enough that a wedged database is reported rather than waited on forever.
 */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens (creating it and its folder when needed) the results database at `path`.
 * Writers get WAL, synchronous=FULL, foreign keys, and every pending migration applied
 * in one transaction. Refused, with a StoreError: another application's database
 * (`E_NOT_TFSWEEP_DB`), a schema newer than this code (`E_SCHEMA_NEWER`); for readonly,
 * a missing file (`E_NO_DB`) or an older schema (`E_SCHEMA_OLD`).
 */
export function openStore(path: string, options: OpenStoreOptions = {}): SqliteStore {
  const readonly = options.readonly ?? false;
  const memory = path === ':memory:';
  if (readonly && (memory || !existsSync(path))) {
    throw new StoreError('E_NO_DB', `no results database at ${path}, nor a results/tfsweep.db in any folder above it (run a sweep first: tfsweep run <spec>; or name one with --db <path> or $TFSWEEP_DB)`);
  }
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  let db: BetterSqlite3.Database;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (e) {
    throw new StoreError('E_OPEN', `cannot open ${path}: ${(e as Error).message}`, { cause: e });
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
    const migrations = loadMigrations();
    if (readonly) {
      const version = checkSchema(db, path, migrations.length);
      if (version < migrations.length) {
        throw new StoreError(
          'E_SCHEMA_OLD',
          `${path} has schema version ${version}, older than this tfsweep's ${migrations.length}; run a sweep on it once to upgrade it`,
        );
      }
    } else {
      // Checked before WAL is switched on, so a refused file is left byte-identical.
      checkSchema(db, path, migrations.length);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const { from, to } = migrate(db, path, migrations);
      if (from !== to || !resultsViewCurrent(db)) db.transaction(() => rebuildResultsView(db)).immediate();
    }
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    throw new StoreError('E_OPEN', `cannot open ${path}: ${(e as Error).message}`, { cause: e });
  }
  return new SqliteStore(db, path, readonly);
}

interface SweepRow extends SweepRecord {
  owner_start: string | null;
}

const TRIAL_COLUMNS = [
  'id', 'sweep_id', 'trial_key', 'idx', 'params_json', 'status', 'attempt', 'backend', 'started_at',
  'finished_at', 'duration_s', 'epochs_done', 'best_epoch', 'error', 'warnings', 'has_final',
  'rung', 'reused_from', 'confusion',
].join(', ');

/** Trial columns a result sets (finishTrial) or a copy carries over (copyTrialResults). */
const RESULT_COLUMNS = [
  'status', 'backend', 'started_at', 'finished_at', 'duration_s', 'epochs_done', 'best_epoch', 'error', 'warnings',
  'has_final', 'rung', 'confusion',
].join(', ');

export class SqliteStore implements ResultStore {
  /** For SQL-level readers (query, export); writes must go through the methods. */
  readonly db: BetterSqlite3.Database;
  /** sweep id -> pid this store acquired it for (releaseSweep clears only that owner). */
  private readonly acquired = new Map<number, number>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  /** `scope:name` of every metric name in `stored_metrics` (see noteMetricNames). */
  private storedMetrics: Set<string> | null = null;

  constructor(db: BetterSqlite3.Database, readonly path: string, readonly readonly: boolean) {
    this.db = db;
  }

  private stmt(sql: string): BetterSqlite3.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** BEGIN IMMEDIATE: takes the write lock up front, so no read-then-write upgrade can fail. */
  private tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (e) {
      throw diskFull(e, this.path) ?? e;
    }
  }

  async openSweep(input: OpenSweepInput): Promise<{ sweep: SweepRecord; resumed: boolean }> {
    return this.tx(() => {
      const existing = this.sweepRow('name = ?', input.name);
      if (existing) {
        const sameSpec = existing.spec_hash === input.specHash;
        const planChanged = sameSpec && !this.planMatches(existing.id, input.trials);
        if (sameSpec && !planChanged) return { sweep: publicSweep(existing), resumed: true };
        if (!input.force) throw new StoreError('E_SPEC_CHANGED', specChangedMessage(existing, input.specYaml, planChanged));
        this.refuseIfOwnedByOther(existing);
        this.stmt("UPDATE sweeps SET name = name || '@' || id, updated_at = ? WHERE id = ?").run(now(), existing.id);
      }
      const t = now();
      const { lastInsertRowid } = this.stmt(
        `INSERT INTO sweeps (name, spec_yaml, spec_hash, status, created_at, updated_at, metric_name, metric_goal)
         VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`,
      ).run(input.name, input.specYaml, input.specHash, t, t, input.metric.name, input.metric.goal);
      const sweepId = Number(lastInsertRowid);
      this.insertTrials(sweepId, input.trials);
      return { sweep: publicSweep(this.sweepRow('id = ?', sweepId)!), resumed: false };
    });
  }

  /** Every planned trial is stored at its idx with its key (trials a sampler added later may follow). */
  private planMatches(sweepId: number, trials: readonly PlannedTrial[]): boolean {
    const stored = this.stmt('SELECT idx, trial_key FROM trials WHERE sweep_id = ? ORDER BY idx').all(sweepId) as {
      idx: number; trial_key: string;
    }[];
    const keyAt = new Map(stored.map((r) => [r.idx, r.trial_key]));
    const planned = new Set(trials.map((t) => t.idx));
    // A stored trial inside the planned range that the plan lacks means the plan shrank.
    let maxPlanned = -1;
    for (const i of planned) if (i > maxPlanned) maxPlanned = i;
    if (stored.some((r) => r.idx <= maxPlanned && !planned.has(r.idx))) return false;
    return trials.every((t) => keyAt.get(t.idx) === t.key);
  }

  async addTrials(sweepId: number, trials: readonly PlannedTrial[]): Promise<TrialRecord[]> {
    return this.tx(() => {
      const sweep = this.sweepRow('id = ?', sweepId);
      if (!sweep) throw new StoreError('E_NO_SWEEP', `no sweep with id ${sweepId}`);
      const existing = this.stmt('SELECT trial_key FROM trials WHERE sweep_id = ? AND idx = ?');
      const fresh: PlannedTrial[] = [];
      for (const t of trials) {
        const row = existing.get(sweepId, t.idx) as { trial_key: string } | undefined;
        if (!row) fresh.push(t);
        else if (row.trial_key !== t.key) {
          throw new StoreError('E_SPEC_CHANGED', `sweep '${sweep.name}' holds another trial at index ${t.idx}: its search decided differently this time (the code or the data changed); rerun with --force to start a new sweep`);
        }
      }
      this.insertTrials(sweepId, fresh);
      const ids = this.stmt('SELECT id FROM trials WHERE sweep_id = ? AND idx = ?');
      return trials.map((t) => this.withValues(
        this.stmt(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE id = ?`).get((ids.get(sweepId, t.idx) as { id: number }).id) as TrialRow,
      ));
    });
  }

  /** Inserts pending trials and gives the `results` view a column for any new parameter. Inside a transaction. */
  private insertTrials(sweepId: number, trials: readonly PlannedTrial[]): void {
    const insert = this.stmt(
      'INSERT INTO trials (sweep_id, trial_key, idx, params_json, params_text_json) VALUES (?, ?, ?, ?, ?)',
    );
    const names = new Set<string>();
    for (const trial of trials) {
      insert.run(sweepId, trial.key, trial.idx, paramsJson(trial.params), paramsTextJson(trial.params));
      for (const k of Object.keys(trial.params)) names.add(k);
    }
    if (registerParams(this.db, names)) rebuildResultsView(this.db);
  }

  private refuseIfOwnedByOther(sweep: SweepRow): void {
    if (sweep.owner_pid === null) return;
    const owner: Owner = { pid: sweep.owner_pid, host: sweep.owner_host ?? '', start: sweep.owner_start };
    if (owner.pid === process.pid && owner.host === thisHost()) return;
    const state = ownerState(owner);
    if (state !== 'dead') throw new StoreError('E_SWEEP_BUSY', busyMessage(sweep, owner, state));
  }

  async acquireSweep(sweepId: number, pid: number): Promise<void> {
    this.tx(() => {
      const sweep = this.sweepRow('id = ?', sweepId);
      if (!sweep) throw new StoreError('E_NO_SWEEP', `no sweep with id ${sweepId}`);
      if (sweep.owner_pid !== null) {
        const owner: Owner = { pid: sweep.owner_pid, host: sweep.owner_host ?? '', start: sweep.owner_start };
        const same = owner.pid === pid && owner.host === thisHost();
        const state = same ? 'dead' : ownerState(owner);
        if (state !== 'dead') throw new StoreError('E_SWEEP_BUSY', busyMessage(sweep, owner, state));
      }
      const me = ownerFor(pid);
      const t = now();
      this.stmt(
        `UPDATE sweeps SET owner_pid = ?, owner_host = ?, owner_start = ?, status = 'running', last_run_at = ?, updated_at = ?
         WHERE id = ?`,
      ).run(me.pid, me.host, me.start, t, t, sweepId);
      // One owner per sweep, and a run acquires before it claims anything: no lease on the
      // sweep's trials can be live now (the previous owner is dead or was this process).
      this.stmt("UPDATE trials SET lease_owner = NULL, lease_expires_at = NULL WHERE sweep_id = ? AND status = 'running'").run(sweepId);
    });
    this.acquired.set(sweepId, pid);
  }

  async releaseSweep(sweepId: number, status: SweepStatus): Promise<boolean> {
    const pid = this.acquired.get(sweepId) ?? process.pid;
    const { changes } = this.stmt(
      `UPDATE sweeps SET status = ?, owner_pid = NULL, owner_host = NULL, owner_start = NULL, updated_at = ?
       WHERE id = ? AND (owner_pid IS NULL OR (owner_pid = ? AND owner_host = ?))`,
    ).run(status, now(), sweepId, pid, thisHost());
    this.acquired.delete(sweepId);
    return changes > 0;
  }

  async reclaimExpired(sweepId: number): Promise<number> {
    return this.tx(() => this.stmt(
      `UPDATE trials SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL
       WHERE sweep_id = ? AND (status = 'interrupted' OR (status = 'running' AND (lease_expires_at IS NULL OR lease_expires_at <= ?)))`,
    ).run(sweepId, now()).changes);
  }

  async claimTrials(trialIds: readonly number[], lease: Lease, backend: string): Promise<number[]> {
    return this.tx(() => {
      const t = now();
      const expires = new Date(Date.now() + lease.ms).toISOString();
      const claimed: number[] = [];
      for (const trialId of trialIds) {
        const { changes } = this.stmt(
          `UPDATE trials SET status = 'running', attempt = attempt + 1, backend = ?, started_at = ?, finished_at = NULL,
             duration_s = NULL, epochs_done = 0, best_epoch = NULL, error = NULL, warnings = '', has_final = 0,
             rung = NULL, reused_from = NULL, lease_owner = ?, lease_expires_at = ?
           WHERE id = ? AND status = 'pending'`,
        ).run(backend, t, lease.worker, expires, trialId);
        if (changes === 0) continue;
        this.stmt('DELETE FROM trial_values WHERE trial_id = ?').run(trialId);
        this.stmt('DELETE FROM epochs WHERE trial_id = ?').run(trialId);
        this.stmt('DELETE FROM weights WHERE trial_id = ?').run(trialId);
        claimed.push(trialId);
      }
      return claimed;
    });
  }

  async renewLeases(trialIds: readonly number[], lease: Lease): Promise<number[]> {
    if (trialIds.length === 0) return [];
    return this.tx(() => {
      const rows = this.stmt(
        `UPDATE trials SET lease_expires_at = ?
         WHERE id IN (SELECT value FROM json_each(?)) AND lease_owner = ? AND status = 'running' RETURNING id`,
      ).all(new Date(Date.now() + lease.ms).toISOString(), JSON.stringify(trialIds), lease.worker) as { id: number }[];
      const held = new Set(rows.map((r) => r.id));
      return trialIds.filter((id) => held.has(id));
    });
  }

  async listTrials(sweepId: number, statuses?: readonly TrialStatus[]): Promise<TrialRecord[]> {
    const rows = statuses
      ? this.stmt(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE sweep_id = ? AND status IN (SELECT value FROM json_each(?)) ORDER BY idx`)
        .all(sweepId, JSON.stringify(statuses))
      : this.stmt(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE sweep_id = ? ORDER BY idx`).all(sweepId);
    const values = groupValues(
      this.stmt('SELECT v.trial_id, v.name, v.value FROM trial_values v JOIN trials t ON t.id = v.trial_id WHERE t.sweep_id = ?')
        .all(sweepId) as { trial_id: number; name: string; value: number | null }[],
      (r: { trial_id: number }) => r.trial_id,
    );
    return (rows as TrialRow[]).map((r) => rowToTrial(r, values.get(r.id)));
  }

  async countByStatus(sweepId: number): Promise<StatusCounts> {
    const counts = emptyCounts();
    const rows = this.stmt('SELECT status, count(*) AS n FROM trials WHERE sweep_id = ? GROUP BY status').all(sweepId) as {
      status: TrialStatus; n: number;
    }[];
    for (const r of rows) counts[r.status] = r.n;
    return counts;
  }

  async recordEpochs(rows: readonly { trialId: number; m: EpochMetrics }[]): Promise<void> {
    if (rows.length === 0) return;
    this.tx(() => {
      for (const { trialId, m } of rows) {
        this.writeEpoch(trialId, m);
        this.stmt('UPDATE trials SET epochs_done = max(epochs_done, ?) WHERE id = ?').run(m.epoch, trialId);
      }
    });
  }

  /** Writes (or rewrites) one epoch row and its values. */
  private writeEpoch(trialId: number, m: EpochMetrics): void {
    this.stmt(
      'INSERT INTO epochs (trial_id, epoch, seconds) VALUES (?, ?, ?) ON CONFLICT (trial_id, epoch) DO UPDATE SET seconds = excluded.seconds',
    ).run(trialId, m.epoch, m.seconds);
    this.stmt('DELETE FROM epoch_values WHERE trial_id = ? AND epoch = ?').run(trialId, m.epoch);
    const insert = this.stmt('INSERT INTO epoch_values (trial_id, epoch, name, value) VALUES (?, ?, ?, ?)');
    const values = epochValues(m);
    for (const name of Object.keys(values)) insert.run(trialId, m.epoch, name, finiteOrNull(values[name]));
    this.noteMetricNames('epoch', Object.keys(values));
  }

  /** Replaces a trial's final values. */
  private writeTrialValues(trialId: number, values: MetricValues | null): void {
    this.stmt('DELETE FROM trial_values WHERE trial_id = ?').run(trialId);
    if (!values) return;
    const insert = this.stmt('INSERT INTO trial_values (trial_id, name, value) VALUES (?, ?, ?)');
    // `epoch` and `seconds` describe an epoch record, never a metric of the trial.
    const names = Object.keys(values).filter((n) => n !== 'epoch' && n !== 'seconds');
    for (const name of names) insert.run(trialId, name, finiteOrNull(values[name]));
    this.noteMetricNames('trial', names);
  }

  /**
   * Records metric names never stored before in `stored_metrics` and rebuilds the views so
   * that they get a column. Runs inside the caller's transaction.
   */
  private noteMetricNames(scope: 'trial' | 'epoch', names: readonly string[]): void {
    if (this.storedMetrics === null) {
      const rows = this.stmt('SELECT scope, name FROM stored_metrics').all() as { scope: string; name: string }[];
      this.storedMetrics = new Set(rows.map((r) => `${r.scope}:${r.name}`));
    }
    let added = false;
    for (const name of names) {
      const k = `${scope}:${name}`;
      if (this.storedMetrics.has(k)) continue;
      this.stmt('INSERT OR IGNORE INTO stored_metrics (scope, name) VALUES (?, ?)').run(scope, name);
      this.storedMetrics.add(k);
      added = true;
    }
    if (added && !resultsViewCurrent(this.db)) rebuildResultsView(this.db);
  }

  async finishTrial(trialId: number, result: TrialFinish, durationS: number): Promise<void> {
    this.tx(() => {
      const final = result.final;
      const { changes } = this.stmt(
        `UPDATE trials SET status = ?, error = ?, backend = ?, finished_at = ?, duration_s = ?, epochs_done = ?,
           best_epoch = ?, warnings = ?, has_final = ?, rung = ?, confusion = ?, lease_owner = NULL, lease_expires_at = NULL
         WHERE id = ?`,
      ).run(
        result.status, result.reason, result.backend, now(), durationS, result.epochs.length, result.best_epoch,
        warningsText(result.warnings), final ? 1 : 0, result.rung ?? null,
        result.confusion ? JSON.stringify(result.confusion) : null, trialId,
      );
      if (changes === 0) throw noTrial(trialId);
      this.writeTrialValues(trialId, final);
      let last = 0;
      for (const m of result.epochs) {
        this.writeEpoch(trialId, m);
        last = Math.max(last, m.epoch);
      }
      this.stmt('DELETE FROM epochs WHERE trial_id = ? AND epoch > ?').run(trialId, last);
      if (result.status === 'completed' && result.weights) this.writeWeights(trialId, result.weights);
      else this.stmt('DELETE FROM weights WHERE trial_id = ?').run(trialId);
    });
  }

  private writeWeights(trialId: number, w: SavedWeights): void {
    this.stmt(
      'INSERT OR REPLACE INTO weights (trial_id, model_topology, weight_specs, weight_data, normalization, classes) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      trialId, JSON.stringify(w.modelTopology), JSON.stringify(w.weightSpecs),
      Buffer.from(w.weightData, 0, w.weightData.byteLength), JSON.stringify(w.normalization),
      w.classes ? JSON.stringify(w.classes) : null,
    );
  }

  async setStatus(trialId: number, status: TrialStatus, error?: string | null): Promise<void> {
    const finishedAt = isEndState(status) ? now() : null;
    const { changes } = this.tx(() =>
      error === undefined
        ? this.stmt(`UPDATE trials SET status = ?, finished_at = ?, ${NO_LEASE} WHERE id = ?`).run(status, finishedAt, trialId)
        : this.stmt(`UPDATE trials SET status = ?, finished_at = ?, error = ?, ${NO_LEASE} WHERE id = ?`).run(status, finishedAt, error, trialId),
    );
    if (changes === 0) throw noTrial(trialId);
  }

  async deleteSweep(sweepId: number): Promise<void> {
    this.tx(() => {
      const sweep = this.sweepRow('id = ?', sweepId);
      if (!sweep) throw new StoreError('E_NO_SWEEP', `no sweep with id ${sweepId}`);
      this.refuseIfOwnedByOther(sweep);
      // Cascades: trials, their values, epochs (and their values) and weights go with it.
      this.stmt('DELETE FROM sweeps WHERE id = ?').run(sweepId);
    });
  }

  async findCompletedByKey(key: string): Promise<TrialRecord | null> {
    const row = this.stmt(
      `SELECT ${TRIAL_COLUMNS} FROM trials WHERE trial_key = ? AND status = 'completed'
       ORDER BY finished_at DESC, id DESC LIMIT 1`,
    ).get(key) as TrialRow | undefined;
    return row ? this.withValues(row) : null;
  }

  async copyTrialResults(fromTrialId: number, toTrialId: number): Promise<void> {
    if (fromTrialId === toTrialId) return;
    this.tx(() => {
      if (!this.trialById(fromTrialId)) throw noTrial(fromTrialId);
      const { changes } = this.stmt(
        `UPDATE trials SET (${RESULT_COLUMNS}) = (SELECT ${RESULT_COLUMNS} FROM trials WHERE id = ?), reused_from = ?
         WHERE id = ?`,
      ).run(fromTrialId, fromTrialId, toTrialId);
      if (changes === 0) throw noTrial(toTrialId);
      this.stmt('DELETE FROM trial_values WHERE trial_id = ?').run(toTrialId);
      this.stmt('INSERT INTO trial_values (trial_id, name, value) SELECT ?, name, value FROM trial_values WHERE trial_id = ?')
        .run(toTrialId, fromTrialId);
      this.stmt('DELETE FROM epochs WHERE trial_id = ?').run(toTrialId);
      this.stmt('INSERT INTO epochs (trial_id, epoch, seconds) SELECT ?, epoch, seconds FROM epochs WHERE trial_id = ?')
        .run(toTrialId, fromTrialId);
      this.stmt('INSERT INTO epoch_values (trial_id, epoch, name, value) SELECT ?, epoch, name, value FROM epoch_values WHERE trial_id = ?')
        .run(toTrialId, fromTrialId);
      this.stmt('DELETE FROM weights WHERE trial_id = ?').run(toTrialId);
      this.stmt(
        `INSERT INTO weights (trial_id, model_topology, weight_specs, weight_data, normalization, classes)
         SELECT ?, model_topology, weight_specs, weight_data, normalization, classes FROM weights WHERE trial_id = ?`,
      ).run(toTrialId, fromTrialId);
    });
  }

  private sweepRow(where: 'name = ?' | 'id = ?', value: string | number): SweepRow | null {
    return (this.stmt(`SELECT * FROM sweeps WHERE ${where}`).get(value) as SweepRow | undefined) ?? null;
  }

  async getSweep(name: string): Promise<SweepRecord | null> {
    const row = this.sweepRow('name = ?', name);
    return row ? publicSweep(row) : null;
  }

  async getSweepById(sweepId: number): Promise<SweepRecord | null> {
    const row = this.sweepRow('id = ?', sweepId);
    return row ? publicSweep(row) : null;
  }

  async listSweeps(): Promise<SweepRecord[]> {
    return (this.stmt('SELECT * FROM sweeps ORDER BY id').all() as SweepRow[]).map(publicSweep);
  }

  async getTrial(trialId: number): Promise<TrialRecord | null> {
    return this.trialById(trialId);
  }

  private trialById(trialId: number): TrialRecord | null {
    const row = this.stmt(`SELECT ${TRIAL_COLUMNS} FROM trials WHERE id = ?`).get(trialId) as TrialRow | undefined;
    return row ? this.withValues(row) : null;
  }

  private withValues(row: TrialRow): TrialRecord {
    const rows = this.stmt('SELECT name, value FROM trial_values WHERE trial_id = ?').all(row.id) as { name: string; value: number | null }[];
    return rowToTrial(row, Object.fromEntries(rows.map((r) => [r.name, r.value])));
  }

  async getEpochs(trialId: number): Promise<EpochMetrics[]> {
    const epochs = this.stmt('SELECT epoch, seconds FROM epochs WHERE trial_id = ? ORDER BY epoch').all(trialId) as {
      epoch: number; seconds: number;
    }[];
    const values = groupValues(
      this.stmt('SELECT epoch, name, value FROM epoch_values WHERE trial_id = ?').all(trialId) as {
        epoch: number; name: string; value: number | null;
      }[],
      (r: { epoch: number }) => r.epoch,
    );
    return epochs.map((e) => {
      const v = values.get(e.epoch) ?? {};
      return { ...v, loss: typeof v.loss === 'number' ? v.loss : Number.NaN, epoch: e.epoch, seconds: e.seconds };
    });
  }

  async getWeights(trialId: number): Promise<SavedWeights | null> {
    const row = this.stmt(
      'SELECT model_topology, weight_specs, weight_data, normalization, classes FROM weights WHERE trial_id = ?',
    ).get(trialId) as { model_topology: string; weight_specs: string; weight_data: Buffer; normalization: string; classes: string | null } | undefined;
    if (!row) return null;
    return {
      modelTopology: JSON.parse(row.model_topology),
      weightSpecs: JSON.parse(row.weight_specs),
      weightData: toArrayBuffer(row.weight_data),
      normalization: JSON.parse(row.normalization),
      ...(row.classes !== null ? { classes: JSON.parse(row.classes) as string[] } : {}),
    };
  }

  async paramColumns(): Promise<Map<string, string>> {
    const rows = this.stmt('SELECT name, column_name FROM param_columns').all() as { name: string; column_name: string }[];
    return new Map(rows.map((r) => [r.name, r.column_name]));
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Closes the connection synchronously (a process about to exit, a signal's path). */
  closeNow(): void {
    if (this.db.open) this.db.close();
  }
}

function publicSweep(row: SweepRow): SweepRecord {
  const { owner_start: _ownerStart, ...rest } = row;
  return rest;
}

/** Ends a trial's lease (it is no longer running). */
const NO_LEASE = 'lease_owner = NULL, lease_expires_at = NULL';

/** SQLite stores NaN as NULL anyway; infinities too are not values a metric can rank by. */
function finiteOrNull(v: number | null | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function noTrial(id: number): StoreError {
  return new StoreError('E_NO_TRIAL', `no trial with id ${id}`);
}

function now(): string {
  return new Date().toISOString();
}

/**
 * SQLite's "database or disk is full" (SQLITE_FULL, or a failed write), as a StoreError
 * that says what to do. The transaction was rolled back: the file stays consistent and
 * every trial finished before it is kept.
 */
function diskFull(e: unknown, path: string): StoreError | null {
  const code = (e as { code?: string }).code ?? '';
  if (code !== 'SQLITE_FULL' && code !== 'SQLITE_IOERR_WRITE' && code !== 'SQLITE_IOERR_FSYNC') return null;
  return new StoreError(
    'E_DISK_FULL',
    `the disk holding ${path} is full (${code}); the database is intact and finished trials are kept. ` +
      'Free some space and run the same command again to resume.',
    { cause: e },
  );
}
