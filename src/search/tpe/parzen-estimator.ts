import type { Prng } from '../../core/prng.js';
import { clipSigmas, scottSigma, univariateSigmas } from './bandwidth.js';
import { categoricalKernelProbs } from './categorical-kernels.js';
import { LOG_SQRT_2PI, logGaussMass } from './gauss.js';
import { binOf, fromKernel, kernelSpaceOf, toKernel, type KernelSpace } from './kernel-space.js';
import type { NumericDomain, SearchDomain } from './search-domain.js';
import { TpeError } from './tpe-error.js';
import { truncNormLogZ, truncNormQuantile } from './truncated-normal.js';

/**
 * The Parzen estimator of TPE (Optuna's _ParzenEstimator): a mixture with one kernel per
 * observation plus a prior kernel, each kernel a product over the parameters of a truncated
 * normal (numeric) or a smoothed one-hot row (categorical). Built once over the good or the
 * bad observations; it samples candidates and scores them. Univariate TPE builds one per
 * parameter (d = 1), multivariate one over all of them.
 */
export interface ParzenSettings {
  /** Weight of the prior kernel before normalization (> 0). */
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  /** Scott-rule widths shared by every kernel (over all d parameters) instead of the univariate heuristic. */
  multivariate: boolean;
  /** Weights of n observations in trial order, oldest first. */
  weights: (n: number) => readonly number[];
}

export interface NumericKernels {
  readonly kind: 'numeric';
  readonly space: KernelSpace;
  /** Kernel centres and widths in kernel units; the last pair is the prior. */
  readonly mus: Float64Array;
  readonly sigmas: Float64Array;
  /** log of each kernel's mass inside [space.lower, space.upper] before truncation. */
  readonly logZ: Float64Array;
  /** -log(sqrt(2 pi) sigma) - logZ: each kernel's log density at its centre. */
  readonly logPeak: Float64Array;
  /** 1 / sigma. */
  readonly invSigmas: Float64Array;
}

export interface CategoricalKernels {
  readonly kind: 'categorical';
  readonly choices: number;
  /** Row k, choice c at k * choices + c; rows sum to 1; the last row is the prior. */
  readonly probs: Float64Array;
}

export type ParameterKernels = NumericKernels | CategoricalKernels;

export interface ParzenEstimator {
  /** Mixture weights summing to 1: the observations in their order, then the prior. */
  readonly weights: Float64Array;
  /** One entry per parameter, in the order of the domains it was built from. */
  readonly params: readonly ParameterKernels[];
}

function mixtureWeights(n: number, settings: ParzenSettings): Float64Array {
  if (n === 0) return Float64Array.of(1);
  const given = settings.weights(n);
  const out = new Float64Array(n + 1);
  let sum = 0;
  let ok = given.length >= n;
  for (let k = 0; k < n && ok; k++) {
    out[k] = given[k];
    ok = Number.isFinite(out[k]) && out[k] >= 0;
    sum += out[k];
  }
  if (!ok || sum <= 0) {
    throw new TpeError('E_TPE_OPTIONS', `weights(${n}) must give ${n} finite, non-negative numbers with a positive sum, got [${Array.from(given).slice(0, 30).join(', ')}]`);
  }
  out[n] = settings.priorWeight;
  sum += settings.priorWeight;
  for (let k = 0; k <= n; k++) out[k] /= sum;
  return out;
}

function numericKernels(domain: NumericDomain, column: ArrayLike<number>, nParams: number, settings: ParzenSettings): NumericKernels {
  const space = kernelSpaceOf(domain);
  const { lower, upper } = space;
  if (!(upper > lower)) throw new TpeError('E_TPE_DOMAIN', `a single-valued domain [${domain.low}, ${domain.high}] has no kernel`);
  const n = column.length;
  const mus = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) mus[k] = toKernel(space, column[k]);
  const observed = mus.subarray(0, n);
  const sigmas = new Float64Array(n + 1);
  if (settings.multivariate) sigmas.fill(scottSigma(n, nParams, lower, upper), 0, n);
  else sigmas.set(univariateSigmas(observed, lower, upper, settings.considerEndpoints));
  clipSigmas(sigmas.subarray(0, n), lower, upper, n + 1, settings.considerMagicClip);
  mus[n] = 0.5 * (lower + upper);
  sigmas[n] = upper - lower;
  const logZ = new Float64Array(n + 1);
  const logPeak = new Float64Array(n + 1);
  const invSigmas = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    invSigmas[k] = 1 / sigmas[k];
    logZ[k] = truncNormLogZ(mus[k], sigmas[k], lower, upper);
    logPeak[k] = -LOG_SQRT_2PI - Math.log(sigmas[k]) - logZ[k];
  }
  return { kind: 'numeric', space, mus, sigmas, logZ, logPeak, invSigmas };
}

/**
 * Builds the estimator over n observations given as columns: columns[i][k] is the internal
 * value of domains[i] in observation k (trial order), a value of that domain (see
 * search-domain.ts); no domain may be single-valued. Every column has the same length n.
 */
export function buildParzenEstimator(domains: readonly SearchDomain[], columns: readonly ArrayLike<number>[], settings: ParzenSettings): ParzenEstimator {
  const n = columns.length > 0 ? columns[0].length : 0;
  const weights = mixtureWeights(n, settings);
  const params = domains.map((d, i): ParameterKernels => (d.kind === 'categorical'
    ? { kind: 'categorical', choices: d.choices, probs: categoricalKernelProbs(columns[i], d.choices, settings.priorWeight) }
    : numericKernels(d, columns[i], domains.length, settings)));
  return { weights, params };
}

/** Index of the first cumulative weight above u (u in [0, 1)); the last index on rounding. */
function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * `count` draws from the mixture, each a point of internal values (one per parameter, on
 * its grid and inside its bounds). Per draw the RNG gives one number for the kernel, then
 * one per parameter, in parameter order: the same RNG state gives the same draws.
 */
export function sampleParzen(est: ParzenEstimator, rng: Prng, count: number): number[][] {
  const cumulative = new Float64Array(est.weights.length);
  let acc = 0;
  est.weights.forEach((w, k) => { cumulative[k] = acc += w; });
  const out: number[][] = [];
  for (let s = 0; s < count; s++) {
    const k = pick(cumulative, rng.nextFloat() * acc);
    out.push(est.params.map((p) => {
      const u = rng.nextFloat();
      if (p.kind === 'categorical') {
        const row = p.probs.subarray(k * p.choices, (k + 1) * p.choices);
        let c = 0;
        let sum = row[0];
        while (c < p.choices - 1 && sum <= u) sum += row[++c];
        return c;
      }
      const { space } = p;
      return fromKernel(space, truncNormQuantile(u, p.mus[k], p.sigmas[k], space.lower, space.upper));
    }));
  }
  return out;
}

/**
 * Adds each continuous kernel's log density at domain value x to acc; with `bandwidthWeighted`,
 * each density times the kernel's width (see parzenLogPdf).
 */
function addContinuous(p: NumericKernels, x: number, acc: Float64Array, bandwidthWeighted: boolean): void {
  const { space, mus, sigmas, invSigmas, logPeak } = p;
  const y = toKernel(space, x);
  if (y < space.lower || y > space.upper) { acc.fill(-Infinity); return; }
  for (let k = 0; k < acc.length; k++) {
    const z = (y - mus[k]) * invSigmas[k];
    acc[k] += logPeak[k] - 0.5 * z * z + (bandwidthWeighted ? Math.log(sigmas[k]) : 0);
  }
}

/** Each stepped kernel's log probability of the bin of grid point x. */
function binLogMasses(p: NumericKernels, x: number): Float64Array {
  const { space, mus, invSigmas, logZ } = p;
  const [lo, hi] = binOf(space, x);
  const out = new Float64Array(mus.length);
  for (let k = 0; k < mus.length; k++) {
    out[k] = logGaussMass((lo - mus[k]) * invSigmas[k], (hi - mus[k]) * invSigmas[k]) - logZ[k];
  }
  return out;
}

function addCategorical(p: CategoricalKernels, x: number, acc: Float64Array): void {
  for (let k = 0; k < acc.length; k++) acc[k] += Math.log(p.probs[k * p.choices + x]);
}

function logSumExp(acc: Float64Array): number {
  let max = -Infinity;
  for (let k = 0; k < acc.length; k++) if (acc[k] > max) max = acc[k];
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let k = 0; k < acc.length; k++) sum += Math.exp(acc[k] - max);
  return max + Math.log(sum);
}

/**
 * The log density of the mixture at each point, in kernel space: a continuous parameter
 * contributes a density (of log x for a log domain), a stepped or int one the probability of
 * its grid point's bin, a categorical one the probability of its choice. Integrating (or
 * summing) exp of it over the domain gives 1. Points are rows of domain values, one per
 * parameter (see search-domain.ts); a numeric value outside the bounds scores -Infinity.
 *
 * `bandwidthWeighted` multiplies each continuous kernel's term by its width, so every
 * kernel has the same peak height and wide kernels weigh more: no longer a density (it does
 * not integrate to 1), only a score. It is what Optuna 3.0 to 3.4 computed by accident (its
 * truncated normal log density lacked -log(sigma), optuna/optuna#5109, fixed in 3.5);
 * TpeOptions.bandwidthWeightedScore turns it on.
 */
export function parzenLogPdf(est: ParzenEstimator, points: readonly (readonly number[])[], bandwidthWeighted = false): Float64Array {
  const nK = est.weights.length;
  const logW = new Float64Array(nK);
  for (let k = 0; k < nK; k++) logW[k] = Math.log(est.weights[k]);
  // Candidates repeat grid points, so a stepped parameter's bin masses are computed once per point.
  const binCache = est.params.map(() => new Map<number, Float64Array>());
  const acc = new Float64Array(nK);
  const out = new Float64Array(points.length);
  for (let s = 0; s < points.length; s++) {
    acc.set(logW);
    for (let i = 0; i < est.params.length; i++) {
      const p = est.params[i];
      const x = points[s][i];
      if (p.kind === 'categorical') addCategorical(p, x, acc);
      else if (p.space.step === 0) addContinuous(p, x, acc, bandwidthWeighted);
      else {
        let masses = binCache[i].get(x);
        if (!masses) binCache[i].set(x, (masses = binLogMasses(p, x)));
        for (let k = 0; k < nK; k++) acc[k] += masses[k];
      }
    }
    out[s] = logSumExp(acc);
  }
  return out;
}
