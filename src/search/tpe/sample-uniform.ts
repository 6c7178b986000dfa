import type { Prng } from '../../core/prng.js';
import { domainHigh, stepOf, type SearchDomain } from './search-domain.js';

/**
 * One draw from a domain's prior, as Optuna's RandomSampler: uniform over [low, high]
 * (over log x for a log float), uniform over the grid points of a stepped float or int, a
 * log int uniform in log x over [low - 1/2, high + 1/2] then rounded (so each integer gets
 * the share of its bin), a uniform choice index. Uses the RNG once; always a domain value.
 */
export function sampleUniformValue(d: SearchDomain, rng: Prng): number {
  const u = rng.nextFloat();
  if (d.kind === 'categorical') return Math.min(Math.floor(u * d.choices), d.choices - 1);
  const high = domainHigh(d);
  if (d.kind === 'int' && d.log) {
    const lo = Math.log(d.low - 0.5);
    const hi = Math.log(high + 0.5);
    return Math.min(Math.max(Math.round(Math.exp(lo + u * (hi - lo))), d.low), high);
  }
  if (d.log) return Math.min(Math.max(Math.exp(Math.log(d.low) + u * (Math.log(high) - Math.log(d.low))), d.low), high);
  const step = stepOf(d);
  if (step === 0) return d.low + u * (high - d.low);
  const points = Math.round((high - d.low) / step) + 1;
  return d.low + Math.min(Math.floor(u * points), points - 1) * step;
}

/** One uniform draw per parameter, in sorted name order (the RNG's order of use). */
export function sampleUniform(domains: Readonly<Record<string, SearchDomain>>, rng: Prng): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of Object.keys(domains).sort()) out[name] = sampleUniformValue(domains[name], rng);
  return out;
}
