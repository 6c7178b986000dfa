import { isDenseLayer } from '../config/types.js';
import type { PlannedTrial } from './trial.js';

/**
 * A unit of work for one worker. `fused`: the runs train side by side as one stacked model
 * (train/fused/); otherwise the group is a single trial trained alone (dropout or any
 * other layer but dense, shaped inputs, or a user module cannot be stacked). Each run is one or more trials identical except `epochs`,
 * sorted by epochs: they share one run trained to the largest count (shared epoch prefix).
 */
export interface TrialGroup {
  fused: boolean;
  runs: PlannedTrial[][];
}

/**
 * Most runs stacked in one group. Measured on this project's reference machine (2 vCPUs
 * sharing one core's floating point, wasm backend), seed model Dense(84) linear, MSE:
 * - per-trial cost of a step at batch 8, adam, members reading 3 distinct row streams
 *   (`npm run bench:step`, 4,000 rows): solo loop 0.57 ms; fused K=1 0.092 ms,
 *   K=14 0.065 ms, K=27 0.063 ms (larger stacks share each backend call among more members);
 * - the whole seed grid (sweeps/seed-grid.yaml, 162 trials = 81 runs, 27 per optimizer
 *   type) through `tfsweep run --workers 2`: max 9 runs 26.8 s, 14 runs 23.1 s, 27 runs 25.4 s.
 *   Larger groups are cheaper per step, smaller ones keep both workers busy to the end
 *   (a group is also the unit of retries and cancellation); 14 is the measured optimum.
 */
export const MAX_GROUP_RUNS = 14;

export interface FuseOptions {
  maxRuns?: number;
  /**
   * Group only trials adjacent in plan order (runs of consecutive compatible trials). Used
   * with successive halving: a trial's rung decision waits for lower-index trials, which
   * must then already be in earlier (or the same) groups, so no group waits on a queued one.
   */
  contiguous?: boolean;
}

/**
 * True when the trial's model can be stacked: a layer list of dense layers only, on flat
 * rows. Any other layer (dropout, conv2d, lstm, ...), a module, or data.input_shape trains
 * alone. (A .npy file whose rows have a shape is only known once read: the trainer trains
 * such a group's trials one by one, train/create-trainer.ts.)
 */
export function isFusible(t: PlannedTrial): boolean {
  return 'layers' in t.model && t.model.layers.every(isDenseLayer) && t.data.input_shape === undefined;
}

/** Trials with equal keys may share a fused group: same architecture, batch size, data, loss and optimizer type. */
export function fuseKey(t: PlannedTrial): string {
  return JSON.stringify([t.model, t.data, t.train.batch_size, t.train.loss, t.train.optimizer]);
}

/**
 * Trials with equal keys differ only in `epochs` and may share one run. Never with early
 * stopping patience: a shorter trial's stop would not be the longer one's.
 */
export function prefixKey(t: PlannedTrial): string | null {
  if (t.train.early_stopping_patience !== null) return null;
  const { epochs: _epochs, ...rest } = t.params;
  return JSON.stringify([rest, t.model, t.data]);
}

/**
 * Pending trials -> groups, in plan order of each group's first trial. Pure and independent
 * of the worker count, so any number of workers trains the same groups (and since a
 * member's arithmetic does not depend on its group-mates, the same results).
 */
export function fuseGroups(trials: readonly PlannedTrial[], opts: FuseOptions = {}): TrialGroup[] {
  const maxRuns = Math.max(1, opts.maxRuns ?? MAX_GROUP_RUNS);
  const sorted = [...trials].sort((a, b) => a.idx - b.idx);
  const groups: TrialGroup[] = [];
  if (opts.contiguous) {
    let current: { key: string; runs: PlannedTrial[][]; byPrefix: Map<string, PlannedTrial[]> } | null = null;
    for (const t of sorted) {
      if (!isFusible(t)) {
        current = null;
        groups.push({ fused: false, runs: [[t]] });
        continue;
      }
      const key = fuseKey(t);
      const pk = prefixKey(t);
      const shared = pk === null ? undefined : current?.byPrefix.get(pk);
      if (current !== null && current.key === key && shared !== undefined) {
        shared.push(t);
        continue;
      }
      if (current === null || current.key !== key || current.runs.length >= maxRuns) {
        current = { key, runs: [], byPrefix: new Map() };
        groups.push({ fused: true, runs: current.runs });
      }
      const run = [t];
      current.runs.push(run);
      if (pk !== null) current.byPrefix.set(pk, run);
    }
  } else {
    const runs: PlannedTrial[][] = [];
    const byPrefix = new Map<string, PlannedTrial[]>();
    for (const t of sorted) {
      if (!isFusible(t)) {
        groups.push({ fused: false, runs: [[t]] });
        continue;
      }
      const pk = prefixKey(t);
      const shared = pk === null ? undefined : byPrefix.get(pk);
      if (shared !== undefined) {
        shared.push(t);
        continue;
      }
      const run = [t];
      runs.push(run);
      if (pk !== null) byPrefix.set(pk, run);
    }
    const byKey = new Map<string, PlannedTrial[][]>();
    for (const run of runs) {
      const key = fuseKey(run[0]);
      const list = byKey.get(key) ?? [];
      list.push(run);
      byKey.set(key, list);
    }
    for (const list of byKey.values()) {
      for (let i = 0; i < list.length; i += maxRuns) groups.push({ fused: true, runs: list.slice(i, i + maxRuns) });
    }
  }
  for (const g of groups) for (const run of g.runs) run.sort((a, b) => a.train.epochs - b.train.epochs || a.idx - b.idx);
  const first = (g: TrialGroup) => Math.min(...g.runs.map((r) => Math.min(...r.map((t) => t.idx))));
  return groups.sort((a, b) => first(a) - first(b));
}

/** Trial-steps a group trains: each run's largest epoch count times its steps per epoch. */
export function groupSteps(g: TrialGroup, trainRows: number): number {
  return g.runs.reduce((n, run) => n + Math.max(...run.map((t) => t.train.epochs)) * Math.ceil(trainRows / run[0].train.batch_size), 0);
}
