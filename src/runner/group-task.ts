import { metricValue } from '../core/metrics.js';
import type { TrialGroup } from '../planner/fuse-groups.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { Lease, ResultStore, TrialRecord } from '../storage/store.js';
import type { Dataset } from '../core/dataset.js';
import type { TrialResult } from '../core/results.js';
import type { EpochBuffer } from './epoch-buffer.js';
import type { ProgressReporter } from './progress.js';
import type { BackendChoice, WorkerEvent } from './protocol.js';
import type { Pruner } from './pruner.js';
import { isTaskFailure, type TrialPool } from './trial-pool.js';

/** Grace beyond --trial-timeout before a trial that ignores the cooperative limit is killed. */
const HARD_TIMEOUT_GRACE_MS = 5000;

/** What one group's task needs from the run around it. */
export interface GroupContext {
  store: ResultStore;
  pool: TrialPool;
  pruner: Pruner;
  reporter: ProgressReporter;
  buffer: EpochBuffer;
  lease: Lease;
  backend: BackendChoice;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  stopFlag: Int32Array;
  trialTimeoutS?: number;
  retries: number;
  sweepId: number;
  recordOf(idx: number): TrialRecord;
  datasetFor(trial: PlannedTrial): Dataset;
  /** Trials in flight (store id -> the abort of their task); the run's stop and heartbeat read it. */
  aborts: Map<number, AbortController>;
  /** Attempts of each trial in this run (store id -> count). */
  attempts: Map<number, number>;
  stopping(): boolean;
  /** Runs a store write raised by a worker event; its error becomes the run's fatal error. */
  guard(fn: () => Promise<void>): Promise<void>;
  /** The run's fatal error, if any (thrown after the task ends). */
  fatal(): unknown;
  countEpochs(n: number): void;
  /** A worker loaded `backend` (its `started` event) for this task. */
  backendLoaded(backend: string): void;
}

/**
 * Trains one group: claims its trials (leases), runs the pool task, lands each member's
 * result as soon as the worker posts it, and deals with a task that ended without some
 * results (stop, timeout, a dead worker). Resolves with the group to retry (its members
 * whose worker died, within --retries), or null.
 */
export async function runGroupTask(ctx: GroupContext, group: TrialGroup): Promise<TrialGroup | null> {
  const { store, pruner, reporter } = ctx;
  const wanted = group.runs.flat().map((t) => ctx.recordOf(t.idx));
  const claimed = new Set(await store.claimTrials(wanted.map((r) => r.id), ctx.lease, ctx.backend));
  // A trial another worker claimed first (a shared database) is theirs: it leaves the group.
  const runs = group.runs
    .map((run) => run.map((trial) => ({ trial, rec: ctx.recordOf(trial.idx) })).filter((m) => claimed.has(m.rec.id)))
    .filter((run) => run.length > 0);
  const members = runs.flat();
  if (members.length === 0) return null;
  const abort = new AbortController();
  const timer = ctx.trialTimeoutS
    ? setTimeout(() => abort.abort('timeout'), ctx.trialTimeoutS * 1000 * runs.length + HARD_TIMEOUT_GRACE_MS)
    : null;
  for (const { rec } of members) {
    ctx.aborts.set(rec.id, abort);
    ctx.attempts.set(rec.id, (ctx.attempts.get(rec.id) ?? 0) + 1);
    reporter.trialStarted(rec);
    pruner.started(rec.idx);
  }
  const byId = new Map(members.map((m) => [m.rec.id, m.rec]));
  const landed = new Set<number>();
  const writes: Promise<void>[] = [];
  let backendUsed = ctx.backend as string;

  /** A member's final result: written once; the pruner stops waiting for it at once. */
  const land = async (rec: TrialRecord, result: TrialResult, seconds: number): Promise<void> => {
    if (landed.has(rec.id)) return;
    landed.add(rec.id);
    ctx.aborts.delete(rec.id);
    pruner.settled(rec.idx);
    ctx.countEpochs(result.epochs.length);
    await ctx.buffer.flush();
    const rung = result.status === 'pruned' ? result.epochs.length : null;
    await store.finishTrial(rec.id, { ...result, rung }, seconds);
    reporter.trialFinished(rec, result, await store.countByStatus(ctx.sweepId));
  };

  const out = await ctx.pool.run(
    {
      fused: group.fused,
      runs: runs.map((run) => run.map(({ trial, rec }) => ({
        trialId: rec.id, trial, askAtEpochs: pruner.rungsFor(rec.idx, trial.train.epochs),
      }))),
      dataset: ctx.datasetFor(members[0].trial),
      backend: ctx.backend,
      metric: ctx.metric,
      stopFlag: ctx.stopFlag,
      timeLimitMs: ctx.trialTimeoutS ? ctx.trialTimeoutS * 1000 : undefined,
    },
    {
      onEvent: (ev: WorkerEvent, reply) => {
        if (ev.type === 'started') {
          backendUsed = ev.backend;
          ctx.backendLoaded(ev.backend);
        }
        else if (ev.type === 'epoch') {
          const rec = byId.get(ev.trialId);
          if (!rec || landed.has(rec.id)) return;
          ctx.buffer.add(rec.id, ev.metrics);
          if (ev.ask) {
            const epoch = ev.metrics.epoch;
            void pruner
              .decide(rec.idx, epoch, metricValue(ev.metrics, ctx.metric.name))
              .then((verdict) => reply({ type: 'verdict', trialId: rec.id, epoch, verdict }));
          }
        } else if (ev.type === 'result') {
          const rec = byId.get(ev.trialId);
          if (rec) writes.push(ctx.guard(() => land(rec, ev.result, ev.seconds)));
        }
      },
    },
    abort,
  );
  if (timer) clearTimeout(timer);
  await Promise.all(writes);
  if (ctx.fatal() !== null) throw ctx.fatal();
  await ctx.buffer.flush();
  const open = members.filter((m) => !landed.has(m.rec.id));
  for (const { rec } of open) {
    ctx.aborts.delete(rec.id);
    pruner.settled(rec.idx);
  }
  if (open.length === 0) return null;
  if (!isTaskFailure(out)) {
    for (const { rec } of open) await land(rec, emptyResult('failed', backendUsed, 'the worker reported no result for this trial'), 0);
    return null;
  }
  if (out.kind === 'aborted') {
    for (const { rec } of open) {
      const result = emptyResult(out.reason, backendUsed,
        out.reason === 'timeout' ? `exceeded --trial-timeout ${ctx.trialTimeoutS}s and did not stop; its worker was terminated` : 'stopped');
      if (out.reason === 'timeout') await store.finishTrial(rec.id, result, ctx.trialTimeoutS ?? 0);
      else await store.setStatus(rec.id, 'interrupted', 'stopped before its next batch');
      reporter.trialFinished(rec, result, await store.countByStatus(ctx.sweepId));
    }
    return null;
  }
  // The worker died (process.exit, uncaught error, memory limit): retry the group's
  // unfinished members (as one group again) or give up on them.
  const retry: PlannedTrial[][] = [];
  for (const run of runs) {
    const left = run.filter(({ rec }) => !landed.has(rec.id));
    if (left.length === 0) continue;
    const n = ctx.attempts.get(left[0].rec.id) ?? 1;
    if (n <= ctx.retries && !ctx.stopping()) {
      for (const { rec } of left) await store.setStatus(rec.id, 'pending', `worker died (attempt ${n}): ${out.message}`);
      reporter.note(`trial${left.length > 1 ? 's' : ''} ${left.map((m) => m.rec.id).join(', ')}: worker died (${out.message}); retrying (${n}/${ctx.retries})`);
      retry.push(left.map((m) => m.trial));
    } else {
      for (const { rec } of left) {
        const failed = emptyResult('failed', backendUsed, `worker died: ${out.message}`);
        await store.finishTrial(rec.id, failed, 0);
        reporter.trialFinished(rec, failed, await store.countByStatus(ctx.sweepId));
      }
    }
  }
  return retry.length > 0 ? { fused: group.fused, runs: retry } : null;
}

export function emptyResult(status: TrialResult['status'], backend: string, reason: string): TrialResult {
  return { status, reason, epochs: [], final: null, best_epoch: null, warnings: [], weights: null, backend };
}
