import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../core/prng.js';
import type { StepCosts } from '../../planner/estimate.js';
import type { PlannedTrial } from '../../planner/trial.js';
import type { DenseLayerSpec } from '../../config/types.js';
import { taskFor } from '../../tasks/task-for.js';
import { BatchFeeder } from '../batch-feeder.js';
import { epochMetrics } from '../epoch-record.js';
import { disposeValidation, uploadValidation } from '../evaluate.js';
import { makeLoss } from '../losses.js';
import { TrialStop } from '../trial-stop.js';
import type { TrainableModel } from '../trainable-model.js';
import { prepareTrialData, type TrialData } from '../trial-data.js';
import { resolveClassUnits } from '../build-model.js';
import type { Dataset } from '../types.js';
import type { FusedEngine } from './fused-engine.js';
import { MemberBatches } from './member-batches.js';
import { StackedEngine, type EngineShape } from './stacked-engine.js';
import { WideLinearEngine, wideLinearFits } from './wide-linear-engine.js';
import { withTensorScope } from '../tensor-scope.js';

/**
 * Measures, on this machine and backend, what a fused group of `runs` (the first trial of
 * each run of one group) costs: `steps` fused steps at K = 1 and at K = runs.length (a
 * straight line through the two gives StepCosts' fixed and per-run parts), and one
 * validation pass. A few seconds; the trials' own data, normalizations and engine.
 */
export async function calibrateStepCosts(runs: PlannedTrial[], dataset: Dataset, steps = 150): Promise<StepCosts> {
  return withTensorScope(async () => {
    const first = runs[0].train;
    const task = taskFor(runs[0], dataset);
    const layers = (runs[0].model as { layers: DenseLayerSpec[] }).layers;
    const datas = new Map<string, TrialData>();
    const feeders = new Map<string, BatchFeeder>();
    const feederOf = (t: PlannedTrial): BatchFeeder => {
      const p = t.train;
      let d = datas.get(p.normalization);
      if (d === undefined) datas.set(p.normalization, (d = prepareTrialData(dataset, p.normalization, task)));
      const key = `${p.normalization}\u0000${p.seed}`;
      let f = feeders.get(key);
      if (f === undefined) {
        f = new BatchFeeder(d.x, d.y, d.nIn, d.nOut, d.trainRows, p.batch_size, deriveSeed(p.seed, 'shuffle'));
        f.shuffle();
        feeders.set(key, f);
      }
      return f;
    };
    const feeder = feederOf(runs[0]);
    const data = datas.get(first.normalization)!;
    const shape: EngineShape = {
      layers: resolveClassUnits(layers, data.nOut) as DenseLayerSpec[], nIn: data.nIn, nOut: data.nOut, trainRows: data.trainRows, batchSize: first.batch_size,
      steps: Math.min(feeder.steps, steps), task, loss: first.loss, optimizer: first.optimizer,
    };
    const time = async (k: number): Promise<number> => {
      const members = Array.from({ length: k }, (_, i) => runs[i % runs.length]);
      const knobs = members.map((t) => t.train);
      const memberFeeders = members.map(feederOf);
      const engine: FusedEngine = wideLinearFits(shape)
        ? new WideLinearEngine(shape, knobs, memberFeeders, data.autoencoder)
        : new StackedEngine(shape, knobs, new MemberBatches(memberFeeders, data.nIn, data.nOut, data.autoencoder));
      try {
        await engine.epoch({ epoch: 1, deadline: Infinity }, () => {});
        const t0 = performance.now();
        await engine.epoch({ epoch: 1, deadline: Infinity }, () => {});
        const seconds = (performance.now() - t0) / 1000 / shape.steps;
        if (k === 1) {
          const val = data.valRows > 0 ? uploadValidation(data) : null;
          const weights = engine.memberWeights(0);
          try {
            const tm = { nOut: data.nOut, forward: (x: tf.Tensor) => ({ output: engine.soloForward(weights, x), activations: [] }) } as unknown as TrainableModel;
            const v0 = performance.now();
            epochMetrics(1, 0, tm, val, data, makeLoss(first.loss, task), task);
            validation = (performance.now() - v0) / 1000;
          } finally {
            tf.dispose(weights);
            if (val !== null) disposeValidation(val);
          }
        }
        return seconds;
      } catch (e) {
        if (e instanceof TrialStop) throw new Error(e.reason);
        throw e;
      } finally {
        engine.dispose();
      }
    };
    let validation = 0;
    const k = Math.max(2, runs.length);
    const one = await time(1);
    const many = await time(k);
    const stepPerRun = Math.max(0, (many - one) / (k - 1));
    return { stepFixed: Math.max(0, one - stepPerRun), stepPerRun, validation };
  });
}
