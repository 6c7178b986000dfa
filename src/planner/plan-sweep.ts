import type { SweepSpec } from '../config/types.js';
import { buildTrial } from './build-trial.js';
import { expandGrid } from './expand-grid.js';
import { sampleRandom } from './sample-random.js';
import type { PlannedTrial } from './trial.js';

/** A model-based sweep's random start-up trials (Optuna's n_startup_trials default). */
export const BAYES_STARTUP_TRIALS = 10;

/**
 * spec → trials. Pure and deterministic: no file system, clock or Math.random, so the
 * same spec gives byte-identical trials on every run and machine.
 * - grid: the cartesian product, parameter names sorted (last name fastest), capped by
 *   run_cap when set;
 * - random: run_cap distinct draws seeded by random_seed;
 * - bayes / tpe: the first BAYES_STARTUP_TRIALS of those draws (the rest come from results).
 * Repeats are a `seed` parameter with several values. Indices are 0..n-1 in plan order.
 */
export function planSweep(spec: SweepSpec): PlannedTrial[] {
  const assignments =
    spec.method === 'random'
      ? sampleRandom(spec.parameters, spec.run_cap ?? 1, spec.random_seed)
      : spec.method === 'bayes' || spec.method === 'tpe'
        // Only the random start-up trials are known before results come in (search/tpe-sampler.ts).
        ? sampleRandom(spec.parameters, Math.min(BAYES_STARTUP_TRIALS, spec.run_cap ?? 1), spec.random_seed)
        : expandGrid(spec.parameters, spec.run_cap);
  return assignments.map((a, i) => buildTrial(spec, i, a));
}
