import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { LoadedSpec } from '../config/types.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { Lease, ResultStore, TrialRecord } from '../storage/store.js';
import type { Dataset } from '../core/dataset.js';
import { buildDataset } from '../data/build-dataset.js';
import { buildTrial } from '../planner/build-trial.js';
import { fuseGroups } from '../planner/fuse-groups.js';
import { summarizeParameters } from '../planner/swept.js';
import { planSweep } from '../planner/plan-sweep.js';
import type { Sampler } from '../search/sampler.js';
import { samplerFor } from '../search/sampler-for.js';
import { thisHost } from '../storage/sqlite/ownership.js';
import { expectedBackend, nativeBackendPossible } from './backend-choice.js';
import { EpochBuffer } from './epoch-buffer.js';
import { runGroupTask } from './group-task.js';
import { openRun } from './open-run.js';
import { preflight } from './preflight.js';
import type { ProgressReporter } from './progress.js';
import type { BackendChoice } from './protocol.js';
import { noPruner, type Pruner } from './pruner.js';
import { restorePruner } from './pruner-restore.js';
import type { RunSummary } from './run-summary.js';
import { schedule } from './scheduler.js';
import { TrialPool } from './trial-pool.js';

export type { RunSummary } from './run-summary.js';

export interface RunSweepOptions {
  loaded: LoadedSpec;
  /**
   * The plan (grid or random: every trial). Omitted: the spec's own sampler decides,
   * which may add trials as results come in.
   */
  trials?: PlannedTrial[];
  /** The search; default: the plan given in `trials`, else the spec's method. */
  sampler?: Sampler;
  store: ResultStore;
  /** Worker threads (default: the available cores, defaultWorkers()). */
  workers?: number;
  /** Default 'auto' (tfjs-node when installed, else wasm). */
  backend?: BackendChoice;
  trialTimeoutS?: number;
  /** Extra attempts for a trial whose worker died; then it is marked failed (default 1). */
  retries?: number;
  /** Copy trials completed with the same key in any sweep instead of training them (default false). */
  reuse?: boolean;
  /** The configuration changed: start a new sweep under the same name (default false). */
  force?: boolean;
  /** Default: silent. */
  reporter?: ProgressReporter;
  /** Names of the parameters the plan varies, shown beside each trial (default: those with more than one value). */
  swept?: string[];
  pruner?: Pruner;
  /** Worker memory limits (tests use them to provoke an out-of-memory worker). */
  workerMaxOldGenerationSizeMb?: number;
  /**
   * The initial trials' datasets as `preflight(loaded, initial, {shared: true})` returned
   * them (a caller that checked before opening the database); default: checked here.
   */
  datasets?: Map<string, Dataset>;
  /** How long a claimed trial stays this run's without a heartbeat (default 60 s). */
  leaseMs?: number;
}

type ResolvedOptions = RunSweepOptions & Required<Pick<RunSweepOptions, 'workers' | 'backend' | 'retries' | 'reuse' | 'force' | 'reporter' | 'swept'>>;

const SILENT: ProgressReporter = { start: () => {}, trialStarted: () => {}, trialFinished: () => {}, note: () => {}, finish: () => {} };

/** Parameters with more than one value in the configuration, sorted. */
function sweptNames(spec: LoadedSpec['spec']): string[] {
  return summarizeParameters(spec, planSweep(spec)).swept.map((p) => p.name);
}

/** After a stop request, how long running trials get to end at a batch boundary before their workers are terminated. */
const STOP_GRACE_MS = 3000;
const DEFAULT_LEASE_MS = 60_000;
const FLUSH_EVERY_MS = 500;

/**
 * Runs (or resumes) one sweep to the end. The main thread is the only writer to the
 * store; workers only train. Contract:
 * - trials already in a final state are never run again; `interrupted` trials and
 *   trials whose lease expired are reclaimed and run again;
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
  private sweepId: number | null = null;
  readonly lease: Lease;

  private readonly opts: ResolvedOptions;

  constructor(options: RunSweepOptions) {
    this.opts = {
      ...options,
      workers: options.workers ?? defaultWorkers(),
      backend: options.backend ?? 'auto',
      retries: options.retries ?? 1,
      reuse: options.reuse ?? false,
      force: options.force ?? false,
      reporter: options.reporter ?? SILENT,
      swept: options.swept ?? sweptNames(options.loaded.spec),
    };
    const opts = this.opts;
    this.lease = { worker: `${thisHost()}:${process.pid}:${randomUUID().slice(0, 8)}`, ms: opts.leaseMs ?? DEFAULT_LEASE_MS };
  }

  /** First call: graceful stop. Running trials end at their next batch. */
  stop(): void {
    if (this.stopping) return;
    this.stopping = true;
    Atomics.store(this.stopFlag, 0, 1);
    setTimeout(() => {
      for (const a of this.aborts.values()) a.abort('interrupted');
    }, STOP_GRACE_MS).unref();
  }

  /** Awaits fn; an error it throws becomes the run's fatal error and stops the run. */
  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (this.fatal === null) this.fatal = e;
      this.stop();
      for (const a of this.aborts.values()) a.abort('interrupted');
    }
  }

  /**
   * Immediate stop (second Ctrl-C): marks every running trial interrupted, so that
   * nothing is left `running`, and releases the sweep. The caller exits right after.
   */
  async abortNow(): Promise<void> {
    const { store } = this.opts;
    for (const trialId of this.aborts.keys()) await store.setStatus(trialId, 'interrupted', 'stopped by a second Ctrl-C');
    if (this.sweepId !== null) await store.releaseSweep(this.sweepId, 'interrupted');
  }

  async run(): Promise<RunSummary> {
    const o = this.opts;
    const t0 = performance.now();
    const { spec } = o.loaded;
    const sampler = o.sampler ?? (o.trials ? { initial: () => [...o.trials!], next: () => 'done' as const } : samplerFor(spec));
    const initial = sampler.initial();
    // Refused here, before the sweep is created: a misnamed column, a model too wide.
    const datasets = o.datasets ?? preflight(o.loaded, initial, { shared: true });
    const opened = await openRun(o.store, o.loaded, initial, { reuse: o.reuse, force: o.force });
    const { sweep, resumed, reclaimed, reused } = opened;
    this.sweepId = sweep.id;
    let released = false;
    const buffer = new EpochBuffer(o.store);
    const pools: { pool: TrialPool | null } = { pool: null };
    try {
      const recByIdx = new Map(opened.all.map((r) => [r.idx, r]));
      const planByIdx = new Map(initial.map((t) => [t.idx, t]));
      // A trial a sampler added in an earlier run is rebuilt from its stored params.
      const pendingTrials = opened.all.filter((t) => t.status === 'pending').map((rec) => {
        const trial = planByIdx.get(rec.idx) ?? buildTrial(spec, rec.idx, rec.params);
        if (trial.key !== rec.trial_key) throw new Error(`trial ${rec.idx} of sweep ${sweep.name} does not rebuild from its parameters`);
        return trial;
      });

      // Groups are formed once, from the pending trials in plan order (never from the worker count).
      const contiguous = o.pruner !== undefined ? o.pruner !== noPruner : spec.early_terminate !== undefined;
      const groups = fuseGroups(pendingTrials, { contiguous });
      let workers = Math.max(1, Math.min(o.workers, groups.length || 1));
      let backendNote: string | null = null;
      // The header names the backend the workers will load; one that loads another says so once.
      const expected = expectedBackend(o.backend);
      const backendsSeen = new Set([expected]);
      const backendLoaded = (name: string): void => {
        if (backendsSeen.has(name)) return;
        backendsSeen.add(name);
        o.reporter.note(`a worker runs on the ${name} backend: ${expected} could not be initialized there`);
      };
      if (nativeBackendPossible(o.backend) && workers > 1) {
        workers = 1;
        backendNote = 'tfjs-node is installed: it is not safe in more than one worker thread, so this sweep runs on 1 worker';
      }
      o.reporter.start({
        sweep: sweep.name,
        total: opened.all.length,
        counts: await o.store.countByStatus(sweep.id),
        workers,
        backend: expected,
        resumed,
        reclaimed,
        reused,
        note: backendNote,
        metric: spec.metric,
        swept: o.swept,
      });

      const datasetFor = (t: PlannedTrial): Dataset => {
        const k = JSON.stringify(t.data);
        const known = datasets.get(k);
        if (known) return known;
        const d = buildDataset(t.data, { shared: true });
        datasets.set(k, d);
        return d;
      };
      const planned = [...initial];
      const pruner = o.pruner ?? await restorePruner(spec, planned, opened.all, o.store);
      const flush = setInterval(() => void this.guard(() => buffer.flush()), FLUSH_EVERY_MS);
      const heartbeat = setInterval(
        () => void this.guard(async () => { await o.store.renewLeases([...this.aborts.keys()], this.lease); }),
        Math.max(50, this.lease.ms / 3),
      );
      let epochsTrained = 0;
      const attempts = new Map<number, number>();
      try {
        if (!this.stopping) {
          // Started on the first group: a resumed sweep with nothing left starts no worker.
          const livePool = () => (pools.pool ??= new TrialPool(
            workers,
            o.workerMaxOldGenerationSizeMb ? { maxOldGenerationSizeMb: o.workerMaxOldGenerationSizeMb } : undefined,
          ));
          await schedule({
            store: o.store,
            sweepId: sweep.id,
            sampler,
            contiguous,
            lanes: workers,
            stopping: () => this.stopping,
            onAdded: (records: readonly TrialRecord[], trials: readonly PlannedTrial[]) => {
              for (const r of records) recByIdx.set(r.idx, r);
              planned.push(...trials);
            },
            runGroup: (group) => runGroupTask({
              store: o.store,
              pool: livePool(),
              pruner,
              reporter: o.reporter,
              buffer,
              lease: this.lease,
              backend: o.backend,
              metric: spec.metric,
              stopFlag: this.stopFlag,
              trialTimeoutS: o.trialTimeoutS,
              retries: o.retries,
              sweepId: sweep.id,
              recordOf: (idx) => recByIdx.get(idx)!,
              datasetFor,
              aborts: this.aborts,
              attempts,
              stopping: () => this.stopping,
              guard: (fn) => this.guard(fn),
              fatal: () => this.fatal,
              countEpochs: (n) => (epochsTrained += n),
              backendLoaded,
            }, group),
          }, groups);
          if (this.fatal !== null) throw this.fatal;
        }
      } finally {
        clearInterval(flush);
        clearInterval(heartbeat);
        await buffer.flush();
        if (pools.pool) await pools.pool.destroy();
      }

      const finalCounts = await o.store.countByStatus(sweep.id);
      const unfinished = finalCounts.pending + finalCounts.running + finalCounts.interrupted;
      const interrupted = this.stopping && unfinished > 0;
      await o.store.releaseSweep(sweep.id, interrupted ? 'interrupted' : unfinished === 0 ? 'completed' : 'interrupted');
      released = true;
      const summary: RunSummary = {
        sweep: (await o.store.getSweep(sweep.name)) ?? sweep,
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
          await buffer.flush();
          for (const id of this.aborts.keys()) await o.store.setStatus(id, 'interrupted', 'the run stopped');
          await o.store.releaseSweep(sweep.id, 'failed');
        } catch {
          /* reported by the caller's error */
        }
      }
    }
  }
}

export function defaultWorkers(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
