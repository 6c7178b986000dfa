import { buildTrial } from '../planner/build-trial.js';
import { sampleRandom } from '../planner/sample-random.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { SweepSpec } from '../config/types.js';
import type { Sampler } from './sampler.js';

/** `method: random`: run_cap seeded draws (random_seed), all known up front. */
export class RandomSampler implements Sampler {
  constructor(private readonly spec: SweepSpec) {}

  initial(): PlannedTrial[] {
    return sampleRandom(this.spec.parameters, this.spec.run_cap ?? 1, this.spec.random_seed).map((a, i) => buildTrial(this.spec, i, a));
  }

  next(): 'done' {
    return 'done';
  }
}
