import { locateWarnings } from '../config/load-spec.js';
import type { LoadedSpec } from '../config/types.js';
import { planWarnings } from '../planner/plan-warnings.js';
import type { PlannedTrial } from '../planner/trial.js';

/**
 * The loader's warnings and the plan's, one line each on stderr (`tfsweep: file:line:col
 * path: warning: ...`), for `plan` and `run` once the spec is known to be usable.
 */
export function writeSpecWarnings(loaded: LoadedSpec, trials: readonly PlannedTrial[], write = (s: string) => process.stderr.write(s)): void {
  const lines = [...(loaded.warnings ?? []), ...locateWarnings(loaded.source, planWarnings(loaded.spec, trials))];
  for (const line of lines) write(`tfsweep: ${line}\n`);
}
