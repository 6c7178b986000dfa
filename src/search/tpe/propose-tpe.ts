import type { Prng } from '../../core/prng.js';
import type { Observation } from './observation.js';
import { buildParzenEstimator, parzenLogPdf, sampleParzen, type ParzenSettings } from './parzen-estimator.js';
import { checkDomain, isInDomain, isSingleValued, snapToDomain, type SearchDomain } from './search-domain.js';
import { sampleUniform } from './sample-uniform.js';
import { splitObservations } from './split-observations.js';
import { resolveTpeOptions, type TpeOptions } from './tpe-options.js';
import { TpeError } from './tpe-error.js';

/**
 * Proposes the next trial's parameters by TPE (Optuna's TPESampler, single objective):
 *   - fewer than nStartupTrials observations (failed ones count): a uniform draw from the
 *     domains (sample-uniform.ts);
 *   - otherwise rank the n observations (split-observations.ts), take the best gamma(n) as
 *     good (never a failed one) and the rest as bad, fit l(x) to the good and g(x) to the
 *     bad (Parzen estimators), draw nEiCandidates from l and return the one maximizing
 *     log l(x) - log g(x) (the first on ties). Univariate (the default) does this for each
 *     parameter on its own; multivariate once over all of them.
 * Optuna leaves failed trials out entirely; here they count towards n and sit in g(x), so
 * TPE steers away from where trials fail.
 * Guarantees: every domain's name is in the result, with a value inside its bounds, on its
 * grid (an integer for int, an index for categorical). Pure and deterministic: the result
 * depends only on the arguments and the RNG's state; parameters are visited in sorted name
 * order. A single-valued domain always gets its one value.
 * Throws TpeError E_TPE_DOMAIN / E_TPE_OPTIONS on a malformed domain or option.
 */
export function proposeTpe(
  domains: Readonly<Record<string, SearchDomain>>,
  observations: readonly Observation[],
  rng: Prng,
  options: Partial<TpeOptions> = {},
): Record<string, number> {
  const o = resolveTpeOptions(options);
  const names = Object.keys(domains).sort();
  for (const name of names) checkDomain(name, domains[name]);
  if (observations.length < o.nStartupTrials) return sampleUniform(domains, rng);

  const nBelow = o.gamma(observations.length);
  if (!Number.isInteger(nBelow) || nBelow < 0) {
    throw new TpeError('E_TPE_OPTIONS', `gamma(${observations.length}) must be an integer >= 0, got ${nBelow}`);
  }
  const { below, above } = splitObservations(observations, o.goal, nBelow);
  const settings: ParzenSettings = {
    priorWeight: o.priorWeight,
    considerMagicClip: o.considerMagicClip,
    considerEndpoints: o.considerEndpoints,
    multivariate: o.multivariate,
    weights: o.weights,
  };

  const out: Record<string, number> = {};
  const free: string[] = [];
  for (const name of names) {
    const d = domains[name];
    if (isSingleValued(d)) out[name] = d.kind === 'categorical' ? 0 : d.low;
    else free.push(name);
  }
  const usable = new Map(free.map((name) => [name, usableValues(domains[name], name, observations)]));
  const groups = o.multivariate ? (free.length > 0 ? [free] : []) : free.map((name) => [name]);
  for (const group of groups) {
    const ds = group.map((name) => domains[name]);
    const columns = group.map((name) => usable.get(name) as Float64Array);
    const l = buildParzenEstimator(ds, observedColumns(columns, below), settings);
    const g = buildParzenEstimator(ds, observedColumns(columns, above), settings);
    const candidates = sampleParzen(l, rng, o.nEiCandidates);
    const logL = parzenLogPdf(l, candidates, o.bandwidthWeightedScore);
    const logG = parzenLogPdf(g, candidates, o.bandwidthWeightedScore);
    let best = 0;
    for (let i = 1; i < candidates.length; i++) {
      if (logL[i] - logG[i] > logL[best] - logG[best]) best = i;
    }
    group.forEach((name, j) => { out[name] = candidates[best][j]; });
  }
  return out;
}

/**
 * Each observation's value of one parameter as a domain value (numeric ones snapped onto
 * the grid, so a bin is centred on its point), NaN where it has none the domain can use.
 */
function usableValues(d: SearchDomain, name: string, observations: readonly Observation[]): Float64Array {
  const out = new Float64Array(observations.length);
  observations.forEach((o, i) => {
    const x = o.params[name];
    if (typeof x !== 'number' || !isInDomain(d, x)) out[i] = Number.NaN;
    else out[i] = d.kind === 'categorical' ? x : snapToDomain(d, x);
  });
  return out;
}

/** The group's columns restricted to the observations of `indices` that have every parameter. */
function observedColumns(columns: Float64Array[], indices: number[]): Float64Array[] {
  const kept = indices.filter((i) => columns.every((c) => !Number.isNaN(c[i])));
  return columns.map((c) => Float64Array.from(kept, (i) => c[i]));
}
