import type { PlannedTrial } from '../planner/trial.js';
import type { Dataset, EpochMetrics, TrialResult } from '../train/types.js';
import type { MessagePort } from 'node:worker_threads';

/**
 * Everything that crosses the main-thread / worker boundary, declared once. All of it is
 * structured-clone safe; errors are plain objects. The dataset's values live in a
 * SharedArrayBuffer, so sending a task copies no data rows.
 */

export type BackendChoice = 'auto' | 'wasm' | 'cpu' | 'node';

/** One unit of work for a pool worker: train one trial. */
export interface TrainTask {
  /** Store id of the trial; echoed on every event so a future multi-trial task can tag them. */
  trialId: number;
  trial: PlannedTrial;
  dataset: Dataset;
  backend: BackendChoice;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  /** Cooperative stop for the whole sweep: the worker stops at its next batch when [0] != 0. */
  stopFlag: Int32Array;
  timeLimitMs?: number;
  /** The worker posts WorkerEvent on it and reads MainReply from it. Transferred, not cloned. */
  port: MessagePort;
  /** Epochs at which the worker must ask the main thread whether to go on (successive halving). */
  askAtEpochs: number[];
}

/** Worker -> main, over the task's port. */
export type WorkerEvent =
  | { type: 'started'; trialId: number; backend: string }
  | { type: 'epoch'; trialId: number; metrics: EpochMetrics; ask: boolean };

/** Main -> worker, over the task's port: the answer to an epoch event with ask = true. */
export type MainReply = { type: 'verdict'; trialId: number; epoch: number; verdict: 'continue' | 'stop' };

/** What the worker's task resolves to. */
export interface TrainTaskResult {
  trialId: number;
  result: TrialResult;
  seconds: number;
}
