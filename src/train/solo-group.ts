import type { Dataset, FusedGroup, GroupTrainOptions, TrialResult } from './types.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { TrainOptions } from './types.js';

/**
 * A fused group trained one trial at a time, each as its solo run, reporting through the
 * group's callbacks. For groups the engines cannot stack after all: the planner fuses
 * dense lists on flat rows, but whether a .npy file's rows have a shape (which makes each
 * dense layer act on the last axis, as Keras does) is only known once the data is read.
 * A stop request ends the trials not started as interrupted.
 */
export async function trainGroupSolo(
  group: FusedGroup,
  data: Dataset,
  options: GroupTrainOptions,
  train: (trial: PlannedTrial, data: Dataset, options: TrainOptions) => Promise<TrialResult>,
): Promise<void> {
  for (const trial of group.runs.flat()) {
    const started = performance.now();
    const result = await train(trial, data, {
      metric: options.metric,
      timeLimitMs: options.timeLimitMs,
      shouldStop: options.shouldStop,
      onEpoch: options.onEpoch === undefined ? undefined : (m) => options.onEpoch!(trial, m),
    });
    options.onResult(trial, result, (performance.now() - started) / 1000);
  }
}
