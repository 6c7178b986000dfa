import { StoreError } from '../errors.js';
import type { TrialStatus } from '../planner/trial.js';
import type { EpochMetrics, SavedWeights } from '../train/types.js';
import { busyMessage, ownerFor, ownerState, thisHost, type Owner } from './ownership.js';
import { emptyCounts, isEndState, paramsJson, rowToTrial } from './rows.js';
import { specChangedMessage } from './spec-diff.js';
import type {
  OpenSweepInput, ResultStore, StatusCounts, SweepRecord, SweepStatus, TrialFinish, TrialRecord,
} from './store.js';

/**
 * The in-memory fake of the results store: the same contract as the SQLite store (the
 * contract suite runs against both), for tests of the runner and the commands that do
 * not need a file. No SQL, no `results` view. Records are copied in and out, so callers
 * cannot change stored state by mutating what they got.
 */
export class MemoryStore implements ResultStore {
  private readonly sweeps = new Map<number, SweepRecord & { owner_start: string | null }>();
  private readonly trials = new Map<number, TrialRecord>();
  private readonly epochs = new Map<number, Map<number, EpochMetrics>>();
  private readonly weights = new Map<number, SavedWeights>();
  private readonly acquired = new Map<number, number>();
  private nextSweepId = 1;
  private nextTrialId = 1;
  private closed = false;

  private check(): void {
    if (this.closed) throw new TypeError('The store is closed');
  }

  openSweep(input: OpenSweepInput): { sweep: SweepRecord; resumed: boolean } {
    this.check();
    const existing = [...this.sweeps.values()].find((s) => s.name === input.name);
    if (existing) {
      const sameSpec = existing.spec_hash === input.specHash;
      const planChanged = sameSpec && !this.planMatches(existing.id, input.trials);
      if (sameSpec && !planChanged) return { sweep: publicSweep(existing), resumed: true };
      if (!input.force) throw new StoreError('E_SPEC_CHANGED', specChangedMessage(existing, input.specYaml, planChanged));
      if (existing.owner_pid !== null && !(existing.owner_pid === process.pid && existing.owner_host === thisHost())) {
        const owner = ownerOf(existing);
        const state = ownerState(owner);
        if (state !== 'dead') throw new StoreError('E_SWEEP_BUSY', busyMessage(existing, owner, state));
      }
      existing.name = `${existing.name}@${existing.id}`;
      existing.updated_at = now();
    }
    const t = now();
    const sweep = {
      id: this.nextSweepId++, name: input.name, spec_yaml: input.specYaml, spec_hash: input.specHash,
      status: 'running' as const, created_at: t, updated_at: t, last_run_at: null,
      metric_name: input.metric.name, metric_goal: input.metric.goal, owner_pid: null, owner_host: null, owner_start: null,
    };
    this.sweeps.set(sweep.id, sweep);
    for (const p of input.trials) {
      const id = this.nextTrialId++;
      this.trials.set(id, {
        id, sweep_id: sweep.id, trial_key: p.key, idx: p.index, params: JSON.parse(paramsJson(p.params)),
        status: 'pending', attempt: 0, backend: null, started_at: null, finished_at: null, duration_s: null,
        epochs_done: 0, best_epoch: null, error: null, warnings: [], final: null, rung: null, reused_from: null,
      });
    }
    return { sweep: publicSweep(sweep), resumed: false };
  }

  private planMatches(sweepId: number, trials: OpenSweepInput['trials']): boolean {
    const stored = this.sweepTrials(sweepId);
    const planned = [...trials].sort((a, b) => a.index - b.index);
    return stored.length === planned.length
      && stored.every((s, i) => s.idx === planned[i].index && s.trial_key === planned[i].key);
  }

  private sweepTrials(sweepId: number): TrialRecord[] {
    return [...this.trials.values()].filter((t) => t.sweep_id === sweepId).sort((a, b) => a.idx - b.idx);
  }

  private sweep(id: number): SweepRecord & { owner_start: string | null } {
    const s = this.sweeps.get(id);
    if (!s) throw new StoreError('E_NO_SWEEP', `no sweep with id ${id}`);
    return s;
  }

  private trial(id: number): TrialRecord {
    const t = this.trials.get(id);
    if (!t) throw new StoreError('E_NO_TRIAL', `no trial with id ${id}`);
    return t;
  }

  acquireSweep(sweepId: number, pid: number): void {
    this.check();
    const s = this.sweep(sweepId);
    if (s.owner_pid !== null && !(s.owner_pid === pid && s.owner_host === thisHost())) {
      const owner = ownerOf(s);
      const state = ownerState(owner);
      if (state !== 'dead') throw new StoreError('E_SWEEP_BUSY', busyMessage(s, owner, state));
    }
    const me = ownerFor(pid);
    const t = now();
    Object.assign(s, { owner_pid: me.pid, owner_host: me.host, owner_start: me.start, status: 'running', last_run_at: t, updated_at: t });
    this.acquired.set(sweepId, pid);
  }

  releaseSweep(sweepId: number, status: SweepStatus): boolean {
    this.check();
    const s = this.sweeps.get(sweepId);
    const pid = this.acquired.get(sweepId) ?? process.pid;
    this.acquired.delete(sweepId);
    if (!s || (s.owner_pid !== null && !(s.owner_pid === pid && s.owner_host === thisHost()))) return false;
    Object.assign(s, { status, owner_pid: null, owner_host: null, owner_start: null, updated_at: now() });
    return true;
  }

  reclaimUnfinished(sweepId: number): number {
    this.check();
    let n = 0;
    for (const t of this.sweepTrials(sweepId)) {
      if (t.status === 'running' || t.status === 'interrupted') {
        t.status = 'pending';
        n++;
      }
    }
    return n;
  }

  listTrials(sweepId: number, statuses?: readonly TrialStatus[]): TrialRecord[] {
    this.check();
    return this.sweepTrials(sweepId).filter((t) => !statuses || statuses.includes(t.status)).map(copy);
  }

  countByStatus(sweepId: number): StatusCounts {
    this.check();
    const c = emptyCounts();
    for (const t of this.sweepTrials(sweepId)) c[t.status]++;
    return c;
  }

  markRunning(trialId: number, backend: string): void {
    this.check();
    const t = this.trial(trialId);
    Object.assign(t, {
      status: 'running', attempt: t.attempt + 1, backend, started_at: now(), finished_at: null, duration_s: null,
      epochs_done: 0, best_epoch: null, error: null, warnings: [], final: null, rung: null, reused_from: null,
    });
    this.epochs.delete(trialId);
    this.weights.delete(trialId);
  }

  recordEpochs(rows: readonly { trialId: number; m: EpochMetrics }[]): void {
    this.check();
    for (const { trialId } of rows) this.trial(trialId);
    for (const { trialId, m } of rows) {
      this.epochRows(trialId).set(m.epoch, { ...m });
      const t = this.trial(trialId);
      t.epochs_done = Math.max(t.epochs_done, m.epoch);
    }
  }

  private epochRows(trialId: number): Map<number, EpochMetrics> {
    let e = this.epochs.get(trialId);
    if (!e) {
      e = new Map();
      this.epochs.set(trialId, e);
    }
    return e;
  }

  finishTrial(trialId: number, result: TrialFinish, durationS: number): void {
    this.check();
    const t = this.trial(trialId);
    Object.assign(t, {
      status: result.status, error: result.reason, backend: result.backend, finished_at: now(), duration_s: durationS,
      epochs_done: result.epochs.length, best_epoch: result.best_epoch, warnings: [...result.warnings],
      final: result.final ? { ...result.final } : null, rung: result.rung ?? null,
    });
    const rows = this.epochRows(trialId);
    let last = 0;
    for (const m of result.epochs) {
      rows.set(m.epoch, { ...m });
      last = Math.max(last, m.epoch);
    }
    for (const e of rows.keys()) if (e > last) rows.delete(e);
    if (result.status === 'completed' && result.weights) this.weights.set(trialId, copyWeights(result.weights));
    else this.weights.delete(trialId);
  }

  setStatus(trialId: number, status: TrialStatus, error?: string | null): void {
    this.check();
    const t = this.trial(trialId);
    t.status = status;
    t.finished_at = isEndState(status) ? now() : null;
    if (error !== undefined) t.error = error;
  }

  findCompletedByKey(key: string): TrialRecord | null {
    this.check();
    const found = [...this.trials.values()]
      .filter((t) => t.trial_key === key && t.status === 'completed')
      .sort((a, b) => (b.finished_at ?? '').localeCompare(a.finished_at ?? '') || b.id - a.id);
    return found.length > 0 ? copy(found[0]) : null;
  }

  copyTrialResults(fromTrialId: number, toTrialId: number): void {
    this.check();
    if (fromTrialId === toTrialId) return;
    const from = this.trial(fromTrialId);
    const to = this.trial(toTrialId);
    Object.assign(to, {
      status: from.status, backend: from.backend, started_at: from.started_at, finished_at: from.finished_at,
      duration_s: from.duration_s, epochs_done: from.epochs_done, best_epoch: from.best_epoch, error: from.error,
      warnings: [...from.warnings], final: from.final ? { ...from.final } : null, rung: from.rung, reused_from: from.id,
    });
    this.epochs.set(toTrialId, new Map([...(this.epochs.get(fromTrialId) ?? new Map<number, EpochMetrics>())].map(([k, v]) => [k, { ...v }])));
    const w = this.weights.get(fromTrialId);
    if (w) this.weights.set(toTrialId, copyWeights(w));
    else this.weights.delete(toTrialId);
  }

  getSweep(name: string): SweepRecord | null {
    this.check();
    const s = [...this.sweeps.values()].find((x) => x.name === name);
    return s ? publicSweep(s) : null;
  }

  getSweepById(sweepId: number): SweepRecord | null {
    this.check();
    const s = this.sweeps.get(sweepId);
    return s ? publicSweep(s) : null;
  }

  listSweeps(): SweepRecord[] {
    this.check();
    return [...this.sweeps.values()].sort((a, b) => a.id - b.id).map(publicSweep);
  }

  getTrial(trialId: number): TrialRecord | null {
    this.check();
    const t = this.trials.get(trialId);
    return t ? copy(t) : null;
  }

  getEpochs(trialId: number): EpochMetrics[] {
    this.check();
    return [...(this.epochs.get(trialId)?.values() ?? [])].sort((a, b) => a.epoch - b.epoch).map((m) => ({ ...m }));
  }

  getWeights(trialId: number): SavedWeights | null {
    this.check();
    const w = this.weights.get(trialId);
    return w ? copyWeights(w) : null;
  }

  close(): void {
    this.closed = true;
  }
}

function ownerOf(s: { owner_pid: number | null; owner_host: string | null; owner_start: string | null }): Owner {
  return { pid: s.owner_pid ?? 0, host: s.owner_host ?? '', start: s.owner_start };
}

function publicSweep(s: SweepRecord & { owner_start: string | null }): SweepRecord {
  const { owner_start: _ownerStart, ...rest } = s;
  return { ...rest };
}

/** A deep copy shaped exactly like the SQLite store's records. */
function copy(t: TrialRecord): TrialRecord {
  return rowToTrial({
    ...t,
    params_json: JSON.stringify(t.params),
    warnings: t.warnings.join(','),
    loss: t.final?.loss ?? null, val_loss: t.final?.val_loss ?? null, val_mse: t.final?.val_mse ?? null,
    val_mae: t.final?.val_mae ?? null, val_r2: t.final?.val_r2 ?? null, val_nmse: t.final?.val_nmse ?? null,
    val_corr: t.final?.val_corr ?? null, identity_hits: t.final?.identity_hits ?? null, diag_mean: t.final?.diag_mean ?? null,
  });
}

function copyWeights(w: SavedWeights): SavedWeights {
  return {
    modelTopology: structuredClone(w.modelTopology),
    weightSpecs: structuredClone(w.weightSpecs),
    weightData: w.weightData.slice(0),
    normalization: structuredClone(w.normalization),
  };
}

function now(): string {
  return new Date().toISOString();
}
