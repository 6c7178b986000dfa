import { TpeError } from './tpe-error.js';
import { defaultGamma, defaultWeights } from './tpe-weights.js';

export type Goal = 'minimize' | 'maximize';

/** The knobs of TPE, with Optuna's TPESampler defaults (TPE_DEFAULTS). */
export interface TpeOptions {
  /** Which way the observations' values improve. Default 'minimize'. */
  goal: Goal;
  /** Below this many observations (failed ones included) draw uniformly from the domains. Default 10. */
  nStartupTrials: number;
  /** Candidates drawn from l(x) per proposal (per parameter when univariate). Default 24. */
  nEiCandidates: number;
  /** Size of the good set among n observations. Default min(ceil(0.1 n), 25). */
  gamma: (n: number) => number;
  /** Kernel weights of n observations, oldest first. Default: Optuna's ramp from 25 on. */
  weights: (n: number) => readonly number[];
  /** Weight of the prior kernel beside observations weighing about 1 each. Default 1. */
  priorWeight: number;
  /** Keep kernels at least (range / min(100, kernels + 1)) wide. Default true. */
  considerMagicClip: boolean;
  /** Let the bounds widen the first and last kernels (hyperopt's rule). Default false. */
  considerEndpoints: boolean;
  /** One joint estimator over all parameters (Optuna multivariate=True) instead of one per parameter. Default false. */
  multivariate: boolean;
  /**
   * Score candidates with each continuous kernel weighted by its width (every kernel the
   * same height) instead of by the true densities: Optuna 3.0-3.4's accidental scoring
   * (optuna/optuna#5109). Default true: on bench/search-tpe.ts's three functions it is
   * better than the corrected score at 100 trials (Branin 0.480 vs 0.490, Hartmann-6 -3.05
   * vs -2.84, the log-scale ellipsoid 4.9 vs 6.2, 20 seeds) and matches the Optuna that
   * Debian ships (3.1), the anchor tfsweep is measured against; false is today's Optuna.
   */
  bandwidthWeightedScore: boolean;
}

export const TPE_DEFAULTS: Readonly<TpeOptions> = Object.freeze({
  goal: 'minimize',
  nStartupTrials: 10,
  nEiCandidates: 24,
  gamma: defaultGamma,
  weights: defaultWeights,
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  multivariate: false,
  bandwidthWeightedScore: true,
});

/** The defaults overlaid with `options`; throws E_TPE_OPTIONS on a value out of range. */
export function resolveTpeOptions(options: Partial<TpeOptions> = {}): TpeOptions {
  const o: TpeOptions = { ...TPE_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(key in TPE_DEFAULTS)) {
      throw new TpeError('E_TPE_OPTIONS', `unknown TPE option '${key}'; allowed: ${Object.keys(TPE_DEFAULTS).join(', ')}`);
    }
    (o as unknown as Record<string, unknown>)[key] = value;
  }
  const bad = (why: string): never => { throw new TpeError('E_TPE_OPTIONS', why); };
  if (o.goal !== 'minimize' && o.goal !== 'maximize') bad(`goal must be 'minimize' or 'maximize', got '${String(o.goal)}'`);
  if (!Number.isInteger(o.nStartupTrials) || o.nStartupTrials < 0) bad(`nStartupTrials must be an integer >= 0, got ${o.nStartupTrials}`);
  if (!Number.isInteger(o.nEiCandidates) || o.nEiCandidates < 1) bad(`nEiCandidates must be an integer >= 1, got ${o.nEiCandidates}`);
  if (!(Number.isFinite(o.priorWeight) && o.priorWeight > 0)) bad(`priorWeight must be a positive number, got ${o.priorWeight}`);
  if (typeof o.gamma !== 'function' || typeof o.weights !== 'function') bad('gamma and weights must be functions');
  for (const key of ['considerMagicClip', 'considerEndpoints', 'multivariate', 'bandwidthWeightedScore'] as const) {
    if (typeof o[key] !== 'boolean') bad(`${key} must be true or false, got ${String(o[key])}`);
  }
  return o;
}
