import { domainHigh, snapToDomain, stepOf, type NumericDomain } from './search-domain.js';

/**
 * Where a numeric parameter's kernels live (Optuna's probability_distributions.py):
 * log(x) for a log domain, x otherwise; bounded by [lower, upper]. A stepped or int domain
 * widens its bounds by half a step on each side, so every grid point owns the bin
 * [x - step/2, x + step/2] (mapped to log units for a log int) and the bins tile the bounds.
 * Densities of a log domain are densities of log(x): the 1/x Jacobian is left out, as in
 * Optuna, because it is the same factor in l(x) and g(x) and cancels in their ratio.
 */
export interface KernelSpace {
  readonly domain: NumericDomain;
  /** Grid step in original units; 0 when continuous. */
  readonly step: number;
  readonly log: boolean;
  /** Kernel-space bounds of every truncated normal of this parameter. */
  readonly lower: number;
  readonly upper: number;
}

export function kernelSpaceOf(domain: NumericDomain): KernelSpace {
  const step = stepOf(domain);
  const low = domain.low - step / 2;
  const high = domainHigh(domain) + step / 2;
  const log = domain.log;
  return { domain, step, log, lower: log ? Math.log(low) : low, upper: log ? Math.log(high) : high };
}

/** A domain value in kernel units (the kernel centre of an observation). */
export function toKernel(space: KernelSpace, x: number): number {
  return space.log ? Math.log(x) : x;
}

/** A kernel-space draw as a domain value: back from log units, onto the grid, inside the bounds. */
export function fromKernel(space: KernelSpace, y: number): number {
  return snapToDomain(space.domain, space.log ? Math.exp(y) : y);
}

/** The kernel-space bin [lo, hi] a grid point x owns (stepped and int domains only). */
export function binOf(space: KernelSpace, x: number): [number, number] {
  const lo = x - space.step / 2;
  const hi = x + space.step / 2;
  return space.log ? [Math.log(lo), Math.log(hi)] : [lo, hi];
}
