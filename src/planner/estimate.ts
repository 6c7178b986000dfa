import { groupSteps, type TrialGroup } from './fuse-groups.js';

/** How much training a plan asks for, counted three ways. Pure. */
export interface WorkEstimate {
  trials: number;
  /** Every trial on its own: sum of epochs x steps per epoch. */
  trialSteps: number;
  /** After shared epoch prefixes: each run once, at its largest epoch count. */
  runSteps: number;
  /** What the workers execute: one step of a fused group advances all its runs. */
  groupSteps: number;
  groups: number;
  /** Validation passes: one per run per epoch. */
  runEpochs: number;
}

export function estimateWork(groups: readonly TrialGroup[], trainRows: number): WorkEstimate {
  let trials = 0;
  let trialSteps = 0;
  let runSteps = 0;
  let executed = 0;
  let runEpochs = 0;
  for (const g of groups) {
    let longest = 0;
    for (const run of g.runs) {
      const perEpoch = Math.ceil(trainRows / run[0].train.batch_size);
      const epochs = Math.max(...run.map((t) => t.train.epochs));
      trials += run.length;
      trialSteps += run.reduce((n, t) => n + t.train.epochs * perEpoch, 0);
      runEpochs += epochs;
      longest = Math.max(longest, epochs * perEpoch);
    }
    runSteps += groupSteps(g, trainRows);
    executed += longest;
  }
  return { trials, trialSteps, runSteps, groupSteps: executed, groups: groups.length, runEpochs };
}

/**
 * Costs measured on this machine (seconds), single thread: a fused step costs
 * `stepFixed + stepPerRun * K` for K runs; a validation pass of one run costs `validation`.
 */
export interface StepCosts {
  stepFixed: number;
  stepPerRun: number;
  validation: number;
}

/**
 * Throughput of W workers relative to one, on machines like the reference one whose vCPUs
 * share one core's floating point: `tfsweep run sweeps/seed-grid.yaml` took 42.3 s on 1
 * worker and 22.6 s on 2, back to back (1.87x). Assumed to hold for W >= 2: more workers
 * than the reference machine's 2 vCPUs are not assumed to help further.
 */
export const TWO_WORKER_SPEEDUP = 1.87;

export function workerSpeedup(workers: number): number {
  return workers >= 2 ? TWO_WORKER_SPEEDUP : 1;
}

/**
 * Expected wall seconds of a plan: each group's steps and validation passes at the measured
 * costs, summed and divided by the worker speedup, but never less than the longest group
 * (a group runs on one worker).
 */
export function estimateWallSeconds(groups: readonly TrialGroup[], trainRows: number, costs: StepCosts, workers: number): number {
  let total = 0;
  let longest = 0;
  for (const g of groups) {
    const k = g.runs.length;
    const perEpoch = Math.ceil(trainRows / g.runs[0][0].train.batch_size);
    const epochs = Math.max(...g.runs.map((run) => Math.max(...run.map((t) => t.train.epochs))));
    const validations = g.runs.reduce((n, run) => n + Math.max(...run.map((t) => t.train.epochs)), 0);
    const seconds = epochs * perEpoch * (costs.stepFixed + costs.stepPerRun * k) + validations * costs.validation;
    total += seconds;
    longest = Math.max(longest, seconds);
  }
  return Math.max(total / workerSpeedup(Math.min(workers, groups.length)), longest);
}
