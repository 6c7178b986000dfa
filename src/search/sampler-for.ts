import type { SweepSpec } from '../config/types.js';
import { GridSampler } from './grid-sampler.js';
import { RandomSampler } from './random-sampler.js';
import { TpeSampler } from './tpe-sampler.js';
import type { Sampler } from './sampler.js';

/** The sampler of the spec's `method`. */
export function samplerFor(spec: SweepSpec): Sampler {
  if (spec.method === 'bayes' || spec.method === 'tpe') return new TpeSampler(spec);
  return spec.method === 'random' ? new RandomSampler(spec) : new GridSampler(spec);
}
