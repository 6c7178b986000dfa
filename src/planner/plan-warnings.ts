import type { SpecIssue } from '../config/spec-issue.js';
import type { SweepSpec } from '../config/types.js';
import type { PlannedTrial } from './trial.js';

/**
 * What a plan does that its author probably did not mean, though W&B would accept it too.
 * Pure; each warning carries the key path it is about (load-spec.ts locates it).
 * - early_terminate.min_iter at or beyond the longest trial's epochs: no trial reaches a
 *   rung, so nothing is ever pruned (W&B would never stop a run either).
 */
export function planWarnings(spec: SweepSpec, trials: readonly PlannedTrial[]): SpecIssue[] {
  const out: SpecIssue[] = [];
  const et = spec.early_terminate;
  if (et?.min_iter !== undefined && trials.length > 0) {
    const longest = Math.max(...trials.map((t) => t.train.epochs));
    if (et.min_iter >= longest) {
      out.push({
        path: ['early_terminate', 'min_iter'],
        message: `is ${et.min_iter}, but the longest trial trains ${longest} epoch${longest === 1 ? '' : 's'}: no trial reaches a rung, so none is pruned; set min_iter below ${longest} or drop early_terminate`,
      });
    }
  }
  return out;
}
