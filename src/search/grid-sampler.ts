import { buildTrial } from '../planner/build-trial.js';
import { expandGrid } from '../planner/expand-grid.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { SweepSpec } from '../config/types.js';
import type { Sampler } from './sampler.js';

/** `method: grid`: the cartesian product of the parameters (names sorted), capped by run_cap; all known up front. */
export class GridSampler implements Sampler {
  constructor(private readonly spec: SweepSpec) {}

  initial(): PlannedTrial[] {
    return expandGrid(this.spec.parameters, this.spec.run_cap).map((a, i) => buildTrial(this.spec, i, a));
  }

  next(): 'done' {
    return 'done';
  }
}
