import * as tf from '@tensorflow/tfjs';
import { createPrng, deriveSeed } from '../core/prng.js';
import type { PlannedTrial } from '../planner/trial.js';
import { taskFor } from '../tasks/task-for.js';
import { isGenericLayer } from '../config/types.js';
import { BatchFeeder } from './batch-feeder.js';
import { buildLayerModel, resolveClassUnits } from './build-model.js';
import { readingOf } from '../tasks/classification.js';
import type { ConfusionMatrix } from '../core/results.js';
import { BestEpochTracker, DEFAULT_METRIC } from './early-stopping.js';
import { epochMetrics, finalMetrics } from './epoch-record.js';
import { disposeValidation, uploadTrainingRows, uploadValidation, type ValidationSet } from './evaluate.js';
import { makeLoss } from './losses.js';
import { disposeOptimizer, makeOptimizer } from './optimizers.js';
import { saveWeights } from './save-weights.js';
import { makeTrainableModel, type TrainableModel } from './trainable-model.js';
import { prepareTrialData, type TrialData } from './trial-data.js';
import type { StepConfig } from './train-step.js';
import { trainEpoch } from './train-epoch.js';
import { TrialStop } from './trial-stop.js';
import type { Dataset, EpochMetrics, FinalMetrics, NormalizationStats, TrainOptions, TrialOutcome, TrialResult } from './types.js';
import { loadUserModel } from './user-model.js';
import { modelIdentityStats, type IdentityStats } from './weight-stats.js';

interface EpochRecord {
  metrics: EpochMetrics;
  identity: IdentityStats;
  confusion: ConfusionMatrix | null;
}

/** Builds the trial's model: the spec's layer list (rows in the data's input shape), or the user's module. */
async function buildModel(trial: PlannedTrial, data: TrialData): Promise<TrainableModel> {
  const model = 'module' in trial.model
    ? await loadUserModel(trial.model.module, trial.params)
    : buildLayerModel(resolveClassUnits(trial.model.layers, data.nOut), data.nIn, trial.train.seed, data.inputShape);
  let tm: TrainableModel;
  try {
    tm = makeTrainableModel(model);
    if (tm.nIn !== data.nIn) throw new Error(`the model takes ${tm.nIn} inputs per row, the data has ${data.nIn} input columns`);
    if (tm.nOut !== data.nOut) throw new Error(`the model outputs ${tm.nOut} values per row, the data has ${data.nOut} target columns`);
    if (trial.train.activity_regularizer !== null && !tm.reportsActivations) {
      throw new Error('activity_regularizer is applied layer by layer and needs a tf.Sequential model');
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return tm;
}

/**
 * Trains one trial to the end and reports it. Never throws for a trial-level problem: a
 * bad module, a shape mismatch or a non-finite loss becomes the result's status and
 * reason. Tensors it creates are its caller's to sweep (see withTensorScope); the model,
 * optimizer and validation tensors are freed here.
 */
export async function trainTrial(trial: PlannedTrial, dataset: Dataset, options: TrainOptions, backend: string): Promise<TrialResult> {
  const started = performance.now();
  const deadline = options.timeLimitMs !== undefined ? started + options.timeLimitMs : Infinity;
  const p = trial.train;
  // A classifier's task reads its outputs as logits or probabilities: known once the model is built.
  let task = taskFor(trial, dataset);
  const records: EpochRecord[] = [];
  const tracker = new BestEpochTracker(options.metric ?? DEFAULT_METRIC, p.early_stopping_patience);
  let tm: TrainableModel | null = null;
  let optimizer: tf.Optimizer | null = null;
  let val: ValidationSet | null = null;
  let trainRows: ValidationSet | null = null;
  let best: { epoch: number; values: tf.Tensor[] } | null = null;
  let status: TrialOutcome = 'completed';
  let reason: string | null = null;
  let weightsValid = true;
  let stats: NormalizationStats | null = null;

  try {
    const data = prepareTrialData(dataset, p.normalization, task);
    stats = data.stats;
    tm = await buildModel(trial, data);
    // A module, or a list with other layers than dense and dropout, is read from the built model.
    const builtReading = 'module' in trial.model || trial.model.layers.some(isGenericLayer);
    if (builtReading && dataset.classes !== undefined) task = taskFor(trial, dataset, readingOf(tm.model, p.label_smoothing ?? 0));
    optimizer = makeOptimizer(p);
    const loss = makeLoss(p.loss, task);
    const cfg: StepConfig = { model: tm, loss, kernelRegularizer: p.kernel_regularizer, activityRegularizer: p.activity_regularizer, optimizer };
    const feeder = new BatchFeeder(data.x, data.y, data.nIn, data.nOut, data.trainRows, p.batch_size, deriveSeed(p.seed, 'shuffle'));
    const dropout = createPrng(deriveSeed(p.seed, 'dropout'));
    val = data.valRows > 0 ? uploadValidation(data) : null;
    trainRows = uploadTrainingRows(data, task);

    for (let epoch = 1; epoch <= p.epochs; epoch++) {
      const epochStart = performance.now();
      const epochLoss = await trainEpoch(cfg, feeder, dropout, { epoch, shouldStop: options.shouldStop, deadline, timeLimitMs: options.timeLimitMs });
      let confusion: ConfusionMatrix | null = null;
      const m = epochMetrics(epoch, epochLoss, tm, val, data, loss, task, trainRows, (c) => (confusion = c));
      if (m === null) throw new TrialStop('diverged', `validation predictions became non-finite at epoch ${epoch}`);
      m.seconds = (performance.now() - epochStart) / 1000;
      const identity = modelIdentityStats(tm.model, data.autoencoder);
      records.push({ metrics: m, identity, confusion });
      const patienceOut = tracker.update({ ...m, ...identity });
      if (p.early_stopping_patience !== null && tracker.improvedLast) {
        best?.values.forEach((t) => t.dispose());
        best = { epoch, values: tm.state.map((v) => tf.keep(v.clone())) };
      }
      const verdict = await options.onEpoch?.({ ...m });
      if (verdict === 'stop') throw new TrialStop('pruned', `stopped by the sweep after epoch ${epoch}`);
      if (patienceOut) break;
    }
  } catch (e) {
    if (e instanceof TrialStop) {
      status = e.status;
      reason = e.reason;
      // Weights are saved only at an epoch boundary with finite values.
      weightsValid = e.status === 'pruned';
    } else {
      status = 'failed';
      reason = e instanceof Error ? e.message : String(e);
      weightsValid = false;
    }
  }

  try {
    const chosen = pickFinal(records, tracker.bestEpoch, p.early_stopping_patience !== null);
    const final: FinalMetrics | null = chosen === null ? null : finalMetrics(chosen.metrics, chosen.identity);
    let weights = null;
    if (tm !== null && stats !== null && weightsValid && records.length > 0) {
      if (best !== null && chosen !== null && best.epoch === chosen.metrics.epoch) {
        const values = best.values;
        tm.state.forEach((v, i) => v.assign(values[i]));
      }
      weights = await saveWeights(tm.model, stats, dataset.classes);
    }
    return {
      status, reason,
      epochs: records.map((r) => r.metrics),
      final,
      best_epoch: tracker.bestEpoch,
      warnings: task.warnings(final),
      weights,
      backend,
      ...(chosen?.confusion ? { confusion: chosen.confusion } : {}),
    };
  } catch (e) {
    return {
      status: 'failed', reason: `could not report the trial: ${(e as Error).message}`,
      epochs: records.map((r) => r.metrics), final: null, best_epoch: tracker.bestEpoch, warnings: [], weights: null, backend,
    };
  } finally {
    best?.values.forEach((t) => t.dispose());
    if (val !== null) disposeValidation(val);
    if (trainRows !== null) disposeValidation(trainRows);
    if (optimizer !== null) disposeOptimizer(optimizer);
    tm?.model.dispose();
  }
}

/** The epoch a result reports: the best one with patience (its weights are restored), else the last. */
function pickFinal(records: EpochRecord[], bestEpoch: number | null, patience: boolean): EpochRecord | null {
  if (records.length === 0) return null;
  if (patience && bestEpoch !== null) return records.find((r) => r.metrics.epoch === bestEpoch) ?? records[records.length - 1];
  return records[records.length - 1];
}
