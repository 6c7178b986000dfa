import type { PlannedTrial } from '../planner/trial.js';
import type { Dataset } from '../core/dataset.js';
import type { EpochMetrics } from '../core/metrics.js';
import type { TrialResult } from '../core/results.js';
import type { MessagePort } from 'node:worker_threads';

/**
 * Everything that crosses the main-thread / worker boundary, declared once. All of it is
 * structured-clone safe; errors are plain objects. The dataset's values live in a
 * SharedArrayBuffer, so sending a task copies no data rows.
 */

import type { BackendChoice } from '../train/load-backend.js';

export type { BackendChoice };

/** One trial of a task, with its store id (every event names the trial it is about). */
export interface TaskMember {
  trialId: number;
  trial: PlannedTrial;
  /** Epochs at which the worker must ask the main thread whether to go on (successive halving). */
  askAtEpochs: number[];
}

/**
 * One unit of work for a pool worker: a group of trials (planner/fuse-groups.ts). `fused`:
 * the runs train as one stacked model; otherwise the task is one trial trained alone. Each
 * run is trials identical except epochs, sorted by epochs (a shared epoch prefix).
 */
export interface TrainTask {
  fused: boolean;
  runs: TaskMember[][];
  dataset: Dataset;
  backend: BackendChoice;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  /** Cooperative stop for the whole sweep: the worker stops at its next batch when [0] != 0. */
  stopFlag: Int32Array;
  /** Per trial; a fused group gets this times its run count. */
  timeLimitMs?: number;
  /** The worker posts WorkerEvent on it and reads MainReply from it. Transferred, not cloned. */
  port: MessagePort;
}

/**
 * Worker -> main, over the task's port, in this order: `started`; then per member `epoch`
 * events and exactly one `result` as soon as that trial is final (mid-task for a member
 * that finishes, is pruned or diverges before the others); `done` last, after every result.
 */
export type WorkerEvent =
  | { type: 'started'; backend: string }
  | { type: 'epoch'; trialId: number; metrics: EpochMetrics; ask: boolean }
  | { type: 'result'; trialId: number; result: TrialResult; seconds: number }
  | { type: 'done' };

/** Main -> worker, over the task's port: the answer to an epoch event with ask = true. */
export type MainReply = { type: 'verdict'; trialId: number; epoch: number; verdict: 'continue' | 'stop' };

/** What the worker's task resolves to (the results themselves travel as `result` events). */
export interface TrainTaskResult {
  trials: number;
  seconds: number;
}
