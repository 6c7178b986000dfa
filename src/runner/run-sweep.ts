import os from 'node:os';
import type { LoadedSpec } from '../spec/types.js';
import { FINAL_STATUSES, type PlannedTrial } from '../planner/trial.js';
import { rungEpochs } from '../planner/rungs.js';
import { AshaPruner } from './asha-pruner.js';
import type { ResultStore, SweepRecord, TrialRecord } from '../store/store.js';
import type { Dataset, TrialResult } from '../train/types.js';
import { metricValue } from '../core/metrics.js';
import { buildDataset } from '../data/build-dataset.js';
import { nativeBackendPossible } from './backend-choice.js';
import { noPruner, type Pruner } from './pruner.js';
import type { BackendChoice, WorkerEvent } from './protocol.js';
import { TrialPool, isTaskFailure } from './trial-pool.js';
import type { ProgressReporter, RunCounts } from './progress.js';
import { EpochBuffer } from './epoch-buffer.js';
import { fuseGroups, type TrialGroup } from '../planner/fuse-groups.js';

export interface RunSweepOptions {
  loaded: LoadedSpec;
  trials: PlannedTrial[];
  store: ResultStore;
  workers: number;
  backend: BackendChoice;
  trialTimeoutS?: number;
  /** Extra attempts for a trial whose worker died; then it is marked failed. */
  retries: number;
  reuse: boolean;
  force: boolean;
  reporter: ProgressReporter;
  /** Names of the parameters the plan varies (shown beside each trial). */
  swept: string[];
  pruner?: Pruner;
  /** Worker memory limits (tests use them to provoke an out-of-memory worker). */
  workerMaxOldGenerationSizeMb?: number;
}

export interface RunSummary {
  sweep: SweepRecord;
  resumed: boolean;
  reclaimed: number;
  reused: number;
  counts: RunCounts;
  /** True when the run was stopped by a signal before every trial reached a final state. */
  interrupted: boolean;
  wallSeconds: number;
  workers: number;
  /** Epochs trained in this run (excludes reused or previously finished trials). */
  epochsTrained: number;
}

/** Grace beyond --trial-timeout before a trial that ignores the cooperative limit is killed. */
const HARD_TIMEOUT_GRACE_MS = 5000;
/** After a stop request, how long running trials get to end at a batch boundary before their workers are terminated. */
const STOP_GRACE_MS = 3000;

/**
 * Runs (or resumes) one sweep to the end. The main thread is the only writer to the
 * store; workers only train. Contract:
 * - trials already in a final state are never run again; `running`/`interrupted` rows
 *   left by a dead or stopped process are reclaimed and run again;
 * - a trial's failure, divergence or timeout is recorded and the sweep goes on;
 * - `stop()` (Ctrl-C) stops launching, lets running trials end at their next batch as
 *   `interrupted`, and resolves with interrupted = true.
 */
export class SweepRun {
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private stopping = false;
  /**
   * An infrastructure error raised where it cannot be thrown to run()'s caller directly
   * (a store write inside a port event or a timer: a full disk, say). The run stops as on
   * Ctrl-C, then run() throws it.
   */
  private fatal: unknown = null;
  private readonly aborts = new Map<number, AbortController>();
  private pool: TrialPool | null = null;
  private sweepId: number | null = null;

  constructor(private readonly opts: RunSweepOptions) {}

  /** First call: graceful stop. Running trials end at their next batch. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    Atomics.store(this.stopFlag, 0, 1);
    setTimeout(() => {
      for (const a of this.aborts.values()) a.abort('interrupted');
    }, STOP_GRACE_MS).unref();
  }

  /** Runs fn; an error it throws becomes the run's fatal error and stops the run. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (this.fatal === null) this.fatal = e;
      this.stop();
      for (const a of this.aborts.values()) a.abort('interrupted');
    }
  }

  /**
   * Immediate stop (second Ctrl-C): marks every running trial interrupted synchronously,
   * so that nothing is left `running`, and releases the sweep. The caller exits right after.
   */
  abortNow(): void {
    const { store } = this.opts;
    for (const trialId of this.aborts.keys()) store.setStatus(trialId, 'interrupted', 'stopped by a second Ctrl-C');
    if (this.sweepId !== null) store.releaseSweep(this.sweepId, 'interrupted');
  }

  async run(): Promise<RunSummary> {
    const o = this.opts;
    const t0 = performance.now();
    const { spec, source } = o.loaded;
    const { sweep, resumed } = o.store.openSweep({
      name: spec.name,
      specYaml: source.yaml,
      specHash: source.hash,
      metric: spec.metric,
      trials: o.trials,
      force: o.force,
    });
    this.sweepId = sweep.id;
    o.store.acquireSweep(sweep.id, process.pid);
    let released = false;
    const buffer = new EpochBuffer(o.store);
    try {
      const reclaimed = o.store.reclaimUnfinished(sweep.id);
      const all = o.store.listTrials(sweep.id);
      const planByIdx = new Map(o.trials.map((t) => [t.index, t]));
      let pending = all.filter((t) => t.status === 'pending');
      let reused = 0;
      if (o.reuse) {
        const left: TrialRecord[] = [];
        for (const t of pending) {
          const prior = o.store.findCompletedByKey(t.trial_key);
          if (prior && prior.id !== t.id) {
            o.store.copyTrialResults(prior.id, t.id);
            reused += 1;
          } else left.push(t);
        }
        pending = left;
      }

      // Groups are formed once, from the pending trials in plan order (never from the worker count).
      const contiguous = o.pruner !== undefined ? o.pruner !== noPruner : o.loaded.spec.early_terminate !== undefined;
      const pendingTrials = pending.map((rec) => {
        const trial = planByIdx.get(rec.idx);
        if (!trial) throw new Error(`trial ${rec.idx} of sweep ${sweep.name} is not in the plan`);
        return trial;
      });
      const groups = fuseGroups(pendingTrials, { contiguous });
      let workers = Math.max(1, Math.min(o.workers, groups.length || 1));
      let backendNote: string | null = null;
      if (nativeBackendPossible(o.backend) && workers > 1) {
        workers = 1;
        backendNote = 'tfjs-node is installed: it is not safe in more than one worker thread, so this sweep runs on 1 worker';
      }

      const counts = o.store.countByStatus(sweep.id);
      o.reporter.start({
        sweep: sweep.name,
        total: all.length,
        counts,
        workers,
        backend: o.backend,
        resumed,
        reclaimed,
        reused,
        note: backendNote,
        metric: spec.metric,
        swept: o.swept,
      });

      const datasets = new Map<string, Dataset>();
      const datasetFor = (t: PlannedTrial): Dataset => {
        const k = JSON.stringify(t.data);
        const known = datasets.get(k);
        if (known) return known;
        const d = buildDataset(t.data, { shared: true });
        datasets.set(k, d);
        return d;
      };

      const pruner = o.pruner ?? makePruner(o, all);
      const flush = setInterval(() => this.guard(() => buffer.flush()), 500);
      let epochsTrained = 0;
      try {
        if (pending.length > 0 && !this.stopping) {
          this.pool = new TrialPool(
            workers,
            o.workerMaxOldGenerationSizeMb ? { maxOldGenerationSizeMb: o.workerMaxOldGenerationSizeMb } : undefined,
          );
          const recByIdx = new Map(pending.map((r) => [r.idx, r]));
          const queue: TrialGroup[] = [...groups];
          const attempts = new Map<number, number>();
          const runGroup = async (group: TrialGroup): Promise<void> => {
            const runs = group.runs.map((run) => run.map((trial) => ({ trial, rec: recByIdx.get(trial.index)! })));
            const members = runs.flat();
            const abort = new AbortController();
            const timer = o.trialTimeoutS
              ? setTimeout(() => abort.abort('timeout'), o.trialTimeoutS * 1000 * runs.length + HARD_TIMEOUT_GRACE_MS)
              : null;
            for (const { rec } of members) {
              this.aborts.set(rec.id, abort);
              o.store.markRunning(rec.id, o.backend);
              attempts.set(rec.id, (attempts.get(rec.id) ?? 0) + 1);
              o.reporter.trialStarted(rec);
              pruner.started(rec.idx);
            }
            const byId = new Map(members.map((m) => [m.rec.id, m.rec]));
            const landed = new Set<number>();
            let backendUsed = o.backend as string;
            const land = (rec: TrialRecord, result: TrialResult, seconds: number) => {
              if (landed.has(rec.id)) return;
              landed.add(rec.id);
              this.aborts.delete(rec.id);
              pruner.settled(rec.idx);
              buffer.flush();
              epochsTrained += result.epochs.length;
              const rung = result.status === 'pruned' ? result.epochs.length : null;
              o.store.finishTrial(rec.id, { ...result, rung }, seconds);
              o.reporter.trialFinished(rec, result, o.store.countByStatus(sweep.id));
            };
            const out = await this.pool!.run(
              {
                fused: group.fused,
                runs: runs.map((run) => run.map(({ trial, rec }) => ({
                  trialId: rec.id, trial, askAtEpochs: pruner.rungsFor(rec.idx, trial.train.epochs),
                }))),
                dataset: datasetFor(members[0].trial),
                backend: o.backend,
                metric: spec.metric,
                stopFlag: this.stopFlag,
                timeLimitMs: o.trialTimeoutS ? o.trialTimeoutS * 1000 : undefined,
              },
              {
                onEvent: (ev: WorkerEvent, reply) => this.guard(() => {
                  if (ev.type === 'started') backendUsed = ev.backend;
                  else if (ev.type === 'epoch') {
                    const rec = byId.get(ev.trialId);
                    if (!rec || landed.has(rec.id)) return;
                    buffer.add(rec.id, ev.metrics);
                    if (ev.ask) {
                      const epoch = ev.metrics.epoch;
                      void pruner
                        .decide(rec.idx, epoch, metricValue(ev.metrics, spec.metric.name))
                        .then((verdict) => reply({ type: 'verdict', trialId: rec.id, epoch, verdict }));
                    }
                  } else if (ev.type === 'result') {
                    const rec = byId.get(ev.trialId);
                    if (rec) land(rec, ev.result, ev.seconds);
                  }
                }),
              },
              abort,
            );
            if (this.fatal !== null) throw this.fatal;
            if (timer) clearTimeout(timer);
            buffer.flush();
            const open = members.filter((m) => !landed.has(m.rec.id));
            for (const { rec } of open) {
              this.aborts.delete(rec.id);
              pruner.settled(rec.idx);
            }
            if (open.length === 0) return;
            if (!isTaskFailure(out)) {
              for (const { rec } of open) land(rec, emptyResult('failed', backendUsed, 'the worker reported no result for this trial'), 0);
              return;
            }
            if (out.kind === 'aborted') {
              for (const { rec } of open) {
                const result = emptyResult(out.reason, backendUsed,
                  out.reason === 'timeout' ? `exceeded --trial-timeout ${o.trialTimeoutS}s and did not stop; its worker was terminated` : 'stopped');
                if (out.reason === 'timeout') o.store.finishTrial(rec.id, result, o.trialTimeoutS ?? 0);
                else o.store.setStatus(rec.id, 'interrupted', 'stopped before its next batch');
                o.reporter.trialFinished(rec, result, o.store.countByStatus(sweep.id));
              }
              return;
            }
            // The worker died (process.exit, uncaught error, memory limit): retry the group's
            // unfinished members (as one group again) or give up on them.
            const retry: PlannedTrial[][] = [];
            for (const run of runs) {
              const left = run.filter(({ rec }) => !landed.has(rec.id));
              if (left.length === 0) continue;
              const n = attempts.get(left[0].rec.id) ?? 1;
              if (n <= o.retries && !this.stopping) {
                for (const { rec } of left) o.store.setStatus(rec.id, 'pending', `worker died (attempt ${n}): ${out.message}`);
                o.reporter.note(`trial${left.length > 1 ? 's' : ''} ${left.map((m) => m.rec.id).join(', ')}: worker died (${out.message}); retrying (${n}/${o.retries})`);
                retry.push(left.map((m) => m.trial));
              } else {
                for (const { rec } of left) {
                  const failed = emptyResult('failed', backendUsed, `worker died: ${out.message}`);
                  o.store.finishTrial(rec.id, failed, 0);
                  o.reporter.trialFinished(rec, failed, o.store.countByStatus(sweep.id));
                }
              }
            }
            if (retry.length > 0) queue.push({ fused: group.fused, runs: retry });
          };

          const lanes = Array.from({ length: workers }, async () => {
            while (!this.stopping) {
              const next = queue.shift();
              if (!next) return;
              await runGroup(next);
            }
          });
          await Promise.all(lanes);
          if (this.fatal !== null) throw this.fatal;
        }
      } finally {
        clearInterval(flush);
        buffer.flush();
        if (this.pool) await this.pool.destroy();
        this.pool = null;
      }

      const finalCounts = o.store.countByStatus(sweep.id);
      const unfinished = finalCounts.pending + finalCounts.running + finalCounts.interrupted;
      const interrupted = this.stopping && unfinished > 0;
      o.store.releaseSweep(sweep.id, interrupted ? 'interrupted' : unfinished === 0 ? 'completed' : 'interrupted');
      released = true;
      const summary: RunSummary = {
        sweep: o.store.getSweep(sweep.name) ?? sweep,
        resumed,
        reclaimed,
        reused,
        counts: finalCounts,
        interrupted,
        wallSeconds: (performance.now() - t0) / 1000,
        workers,
        epochsTrained,
      };
      o.reporter.finish(summary);
      return summary;
    } finally {
      if (!released) {
        // Best effort: the error that got us here (a full disk, say) is the one to report,
        // not a second failure while tidying up. Rows left `running` are reclaimed on rerun.
        try {
          buffer.flush();
          for (const id of this.aborts.keys()) o.store.setStatus(id, 'interrupted', 'the run stopped');
          o.store.releaseSweep(sweep.id, 'failed');
        } catch {
          /* reported by the caller's error */
        }
      }
    }
  }
}

/**
 * The sweep's early-termination policy. Values at rung epochs of trials that finished in
 * an earlier run are loaded, so a rerun makes the decisions the first run would have.
 */
function makePruner(o: RunSweepOptions, all: TrialRecord[]): Pruner {
  const et = o.loaded.spec.early_terminate;
  if (!et) return noPruner;
  const epochsOf = new Map(o.trials.map((t) => [t.index, t.train.epochs]));
  const maxEpochs = Math.max(...o.trials.map((t) => t.train.epochs));
  const rungs = rungEpochs(et, maxEpochs);
  const pruner = new AshaPruner(rungs, et.eta, o.loaded.spec.metric.goal, (idx) => epochsOf.get(idx) ?? 0);
  for (const t of all) {
    if (!(FINAL_STATUSES as readonly string[]).includes(t.status)) continue;
    const byEpoch = new Map(o.store.getEpochs(t.id).map((m) => [m.epoch, m]));
    for (const r of rungs) {
      const m = byEpoch.get(r);
      if (m && r < (epochsOf.get(t.idx) ?? 0)) pruner.record(t.idx, r, metricValue(m, o.loaded.spec.metric.name));
    }
  }
  return pruner;
}

function emptyResult(status: TrialResult['status'], backend: string, reason: string): TrialResult {
  return { status, reason, epochs: [], final: null, best_epoch: null, warnings: [], weights: null, backend };
}

export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
