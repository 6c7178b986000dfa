import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../core/prng.js';
import type { PlannedTrial } from '../../planner/trial.js';
import type { DenseLayerSpec } from '../../config/types.js';
import { taskFor } from '../../tasks/task-for.js';
import { BatchFeeder } from '../batch-feeder.js';
import { BestEpochTracker, DEFAULT_METRIC } from '../early-stopping.js';
import { epochMetrics, finalMetrics } from '../epoch-record.js';
import { disposeValidation, uploadTrainingRows, uploadValidation, type ValidationSet } from '../evaluate.js';
import { resolveClassUnits } from '../build-model.js';
import type { ConfusionMatrix } from '../../core/results.js';
import { makeLoss } from '../losses.js';
import { saveWeights } from '../save-weights.js';
import type { TrainableModel } from '../trainable-model.js';
import { prepareTrialData, type TrialData } from '../trial-data.js';
import { TrialStop } from '../trial-stop.js';
import type { Dataset, EpochMetrics, FusedGroup, GroupTrainOptions, TrialOutcome } from '../types.js';
import { identityStats, type IdentityStats } from '../weight-stats.js';
import type { FusedEngine } from './fused-engine.js';
import { MemberBatches } from './member-batches.js';
import { StackedEngine, type EngineShape } from './stacked-engine.js';
import { WideLinearEngine, wideLinearFits } from './wide-linear-engine.js';

interface EpochRecord {
  metrics: EpochMetrics;
  identity: IdentityStats;
  confusion: ConfusionMatrix | null;
}

/** One run of the group: trials identical except epochs, trained as one stacked member. */
interface RunState {
  trials: PlannedTrial[];
  /** Trials not final yet, in epochs order. */
  open: PlannedTrial[];
  data: TrialData;
  val: ValidationSet | null;
  /** A classifier's training rows, for its per-epoch accuracy (null otherwise). */
  train: ValidationSet | null;
  records: EpochRecord[];
  tracker: BestEpochTracker;
  patience: boolean;
  best: { epoch: number; values: tf.Tensor[] } | null;
  /** Wall seconds charged to this run: each epoch's time split over the runs trained in it. */
  seconds: number;
  /** Set mid-epoch when the running loss stopped being finite. */
  diverged: string | null;
}

/**
 * Trains a fused group (FusedGroup in ../types.ts) and reports every member trial through
 * `onResult` as soon as it is final: completed at its own epoch count (prefix sharing),
 * pruned at a rung, diverged, or interrupted / timed out with the rest of the group. A run
 * that leaves (every trial of it final) is dropped from the stack at the epoch boundary,
 * which leaves the other members' arithmetic untouched. Never throws for a trial-level
 * problem; an unexpected error fails every trial not yet reported.
 */
export async function trainGroup(group: FusedGroup, dataset: Dataset, options: GroupTrainOptions, backend: string): Promise<void> {
  const started = performance.now();
  const first = group.runs[0][0];
  const p0 = first.train;
  const layers = (first.model as { layers: DenseLayerSpec[] }).layers;
  const timeLimitMs = options.timeLimitMs === undefined ? undefined : options.timeLimitMs * group.runs.length;
  const deadline = timeLimitMs !== undefined ? started + timeLimitMs : Infinity;
  const metric = options.metric ?? DEFAULT_METRIC;
  // Fused groups share loss and data (planner/fuse-groups.ts), hence one task.
  const task = taskFor(first, dataset);
  const lossFn = makeLoss(p0.loss, task);

  const dataByNorm = new Map<string, { data: TrialData; val: ValidationSet | null; train: ValidationSet | null }>();
  const feeders = new Map<string, BatchFeeder>();
  let runs: RunState[] = [];
  let engine: FusedEngine | null = null;
  const reported = new Set<PlannedTrial>();

  const report = async (run: RunState, trial: PlannedTrial, upTo: number, status: TrialOutcome, reason: string | null, withWeights: boolean, member: number): Promise<void> => {
    const records = run.records.slice(0, upTo);
    const chosen = pickFinal(records, run.tracker.bestEpoch, run.patience);
    const final = chosen === null ? null : finalMetrics(chosen.metrics, chosen.identity);
    let weights = null;
    if (withWeights && engine !== null && records.length > 0) {
      const values = run.best !== null && chosen !== null && run.best.epoch === chosen.metrics.epoch
        ? run.best.values
        : engine.memberWeights(member);
      engine.template.setWeights(values);
      if (values !== run.best?.values) tf.dispose(values);
      weights = await saveWeights(engine.template, run.data.stats, dataset.classes);
    }
    reported.add(trial);
    run.open = run.open.filter((t) => t !== trial);
    options.onResult(trial, {
      status, reason,
      epochs: records.map((r) => r.metrics),
      final,
      best_epoch: run.tracker.bestEpoch,
      warnings: task.warnings(final),
      weights,
      backend,
      ...(chosen?.confusion ? { confusion: chosen.confusion } : {}),
    }, run.seconds);
  };

  try {
    for (const trials of group.runs) {
      const p = trials[0].train;
      let d = dataByNorm.get(p.normalization);
      if (d === undefined) {
        const data = prepareTrialData(dataset, p.normalization, task);
        d = { data, val: data.valRows > 0 ? uploadValidation(data) : null, train: uploadTrainingRows(data, task) };
        dataByNorm.set(p.normalization, d);
      }
      runs.push({
        trials, open: [...trials], data: d.data, val: d.val, train: d.train, records: [],
        tracker: new BestEpochTracker(metric, p.early_stopping_patience),
        patience: p.early_stopping_patience !== null,
        best: null, seconds: 0, diverged: null,
      });
    }
    const feederOf = (run: RunState): BatchFeeder => {
      const p = run.trials[0].train;
      const key = `${p.normalization}\u0000${p.seed}`;
      let f = feeders.get(key);
      if (f === undefined) {
        const d = run.data;
        f = new BatchFeeder(d.x, d.y, d.nIn, d.nOut, d.trainRows, p.batch_size, deriveSeed(p.seed, 'shuffle'));
        feeders.set(key, f);
      }
      return f;
    };
    const runFeeders = runs.map(feederOf);
    const { nIn, nOut, trainRows, autoencoder } = runs[0].data;
    const shape: EngineShape = {
      layers: resolveClassUnits(layers, nOut) as DenseLayerSpec[], nIn, nOut, trainRows, batchSize: p0.batch_size, steps: runFeeders[0].steps, task, loss: p0.loss, optimizer: p0.optimizer,
    };
    const knobs = runs.map((r) => r.trials[0].train);
    engine = wideLinearFits(shape)
      ? new WideLinearEngine(shape, knobs, runFeeders, autoencoder)
      : new StackedEngine(shape, knobs, new MemberBatches(runFeeders, nIn, nOut, autoencoder));
    // identity_hits / diag_mean: an autoencoder's square first layer only (weight-stats.ts).
    const squareWeight = autoencoder ? engine.squareWeight : -1;

    for (let epoch = 1; runs.length > 0; epoch++) {
      const epochStart = performance.now();
      new Set(runs.map(feederOf)).forEach((f) => f.shuffle());
      const losses = await engine.epoch(
        { epoch, shouldStop: options.shouldStop, deadline, timeLimitMs },
        (member, value) => { runs[member].diverged ??= `loss became ${value} at epoch ${epoch}`; });
      const share = (performance.now() - epochStart) / 1000 / runs.length;

      // Epoch boundary: metrics for every run, then every live trial's verdict at once.
      const verdicts: Promise<void>[] = [];
      const ended: { run: RunState; member: number; trial: PlannedTrial; status: TrialOutcome; reason: string | null; weights: boolean }[] = [];
      for (let member = 0; member < runs.length; member++) {
        // A validation pass costs ~0.1 s per run: a Ctrl-C must not wait for a whole group's.
        if (options.shouldStop?.() === true) throw new TrialStop('interrupted', `stopped after epoch ${epoch}`);
        const run = runs[member];
        run.seconds += share;
        let failure = run.diverged;
        if (failure === null && !Number.isFinite(losses[member])) failure = `loss became ${losses[member]} at epoch ${epoch}`;
        let m: EpochMetrics | null = null;
        let identity: IdentityStats = { identity_hits: null, diag_mean: null };
        let confusion: ConfusionMatrix | null = null;
        let weights: tf.Tensor[] | null = null;
        if (failure === null) {
          weights = engine.memberWeights(member);
          const w = weights;
          try {
            const tm = { nOut, forward: (x: tf.Tensor) => ({ output: engine!.soloForward(w, x), activations: [] }) } as unknown as TrainableModel;
            m = epochMetrics(epoch, losses[member], tm, run.val, run.data, lossFn, task, run.train, (c) => (confusion = c));
            if (squareWeight >= 0) {
              const values = w[squareWeight].dataSync();
              if (values.every(Number.isFinite)) identity = identityStats(values, w[squareWeight].shape[0]);
            }
          } catch (e) {
            tf.dispose(w);
            throw e;
          }
          if (m === null) failure = `validation predictions became non-finite at epoch ${epoch}`;
        }
        if (failure !== null || m === null) {
          if (weights !== null) tf.dispose(weights);
          for (const t of run.open) ended.push({ run, member, trial: t, status: 'diverged', reason: failure, weights: false });
          continue;
        }
        m.seconds = share;
        run.records.push({ metrics: m, identity, confusion });
        const patienceOut = run.tracker.update({ ...m, ...identity });
        if (run.patience && run.tracker.improvedLast) {
          disposeBest(run);
          run.best = { epoch, values: weights! };
        } else tf.dispose(weights!);
        const metrics = m;
        for (const t of run.open) {
          verdicts.push((async () => {
            const verdict = await options.onEpoch?.(t, { ...metrics });
            if (verdict === 'stop') ended.push({ run, member, trial: t, status: 'pruned', reason: `stopped by the sweep after epoch ${epoch}`, weights: true });
            else if (t.train.epochs === epoch || patienceOut) ended.push({ run, member, trial: t, status: 'completed', reason: null, weights: true });
          })());
        }
      }
      await Promise.all(verdicts);
      // Report in plan order so results land deterministically.
      ended.sort((a, b) => a.trial.idx - b.trial.idx);
      for (const e of ended) await report(e.run, e.trial, e.run.records.length, e.status, e.reason, e.weights, e.member);

      const keep = runs.map((r, i) => (r.open.length > 0 ? i : -1)).filter((i) => i >= 0);
      if (keep.length < runs.length) {
        runs.forEach((r, i) => { if (!keep.includes(i)) disposeBest(r); });
        runs = keep.map((i) => runs[i]);
        if (keep.length > 0) engine.keep(keep);
      }
    }
  } catch (e) {
    const status: TrialOutcome = e instanceof TrialStop ? e.status : 'failed';
    const reason = e instanceof TrialStop ? e.reason : `${e instanceof Error ? e.message : String(e)}`;
    for (const run of runs) {
      for (const t of [...run.open]) {
        if (reported.has(t)) continue;
        try {
          await report(run, t, run.records.length, status, reason, false, 0);
        } catch {
          options.onResult(t, { status: 'failed', reason, epochs: [], final: null, best_epoch: null, warnings: [], weights: null, backend }, run.seconds);
        }
      }
    }
    for (const trials of group.runs) {
      for (const t of trials) {
        if (!reported.has(t)) {
          reported.add(t);
          options.onResult(t, { status, reason, epochs: [], final: null, best_epoch: null, warnings: [], weights: null, backend }, 0);
        }
      }
    }
  } finally {
    for (const r of runs) disposeBest(r);
    for (const d of dataByNorm.values()) {
      if (d.val !== null) disposeValidation(d.val);
      if (d.train !== null) disposeValidation(d.train);
    }
    engine?.dispose();
  }
}

function disposeBest(r: RunState): void {
  r.best?.values.forEach((t) => t.dispose());
  r.best = null;
}

/** The epoch a result reports: the best one with patience (its weights are restored), else the last. */
function pickFinal(records: EpochRecord[], bestEpoch: number | null, patience: boolean): EpochRecord | null {
  if (records.length === 0) return null;
  if (patience && bestEpoch !== null) return records.find((r) => r.metrics.epoch === bestEpoch) ?? records[records.length - 1];
  return records[records.length - 1];
}
