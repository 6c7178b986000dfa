import * as tf from '@tensorflow/tfjs';
import type { PlannedTrial } from '../planner/trial.js';
import { loadBackend, type BackendChoice } from './load-backend.js';
import { withTensorScope } from './tensor-scope.js';
import { trainTrial } from './train-trial.js';
import { trainGroup } from './fused/train-group.js';
import { trainGroupSolo } from './solo-group.js';
import type { Dataset, FusedGroup, GroupTrainOptions, Trainer, TrainOptions, TrialResult } from './types.js';

/**
 * The trainer: the only door to TensorFlow.js. `backend` names the backend actually in use
 * ('tensorflow', 'wasm' or 'cpu'). Trials on one trainer run one at a time (later calls
 * wait), each in its own tensor scope, on this trainer's backend; so do fused groups.
 */
export async function createTrainer(choice: BackendChoice = 'auto'): Promise<Trainer> {
  const backend = await loadBackend(choice);
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (trial: PlannedTrial, data: Dataset, options: TrainOptions): Promise<TrialResult> => {
    if (tf.getBackend() !== backend) await tf.setBackend(backend);
    return withTensorScope(() => trainTrial(trial, data, options, backend));
  };
  const runGroup = async (group: FusedGroup, data: Dataset, options: GroupTrainOptions): Promise<void> => {
    if (tf.getBackend() !== backend) await tf.setBackend(backend);
    // Shaped rows (a .npy file's) are no case for the stacked engines: each trial alone.
    if (data.inputShape !== undefined) return trainGroupSolo(group, data, options, run);
    return withTensorScope(() => trainGroup(group, data, options, backend));
  };
  return {
    backend,
    train(trial: PlannedTrial, data: Dataset, options: TrainOptions = {}): Promise<TrialResult> {
      const result = queue.then(() => run(trial, data, options));
      queue = result.catch(() => undefined);
      return result;
    },
    trainGroup(group: FusedGroup, data: Dataset, options: GroupTrainOptions): Promise<void> {
      const result = queue.then(() => runGroup(group, data, options));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
