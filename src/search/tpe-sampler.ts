import { canonicalJson } from '../config/canonical-json.js';
import type { ParamValue, SweepSpec } from '../config/types.js';
import { metricValue } from '../core/metrics.js';
import { createPrng, deriveSeed } from '../core/prng.js';
import { buildTrial } from '../planner/build-trial.js';
import { BAYES_STARTUP_TRIALS, planSweep } from '../planner/plan-sweep.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { TrialRecord } from '../storage/store.js';
import { parameterSpace, type ParameterSpace } from './parameter-space.js';
import type { Sampler } from './sampler.js';
import { proposeTpe, type Observation, type SearchDomain, type TpeOptions } from './tpe/index.js';

/** Random start-up trials before the estimators take over (Optuna's n_startup_trials). */
export const TPE_STARTUP_TRIALS = BAYES_STARTUP_TRIALS;
/**
 * Trials proposed per decision. A decision waits for every earlier trial to be final, so
 * the sequence does not depend on the worker count or timing; a larger batch keeps more
 * workers busy, and each trial of a batch learns from the same history (README: what a
 * batch costs).
 */
export const TPE_BATCH = 4;
/** Proposals tried per trial before a repeat of an earlier trial is accepted. */
const DISTINCT_ATTEMPTS = 20;

export interface TpeSamplerOptions {
  batch?: number;
  startup?: number;
  tpe?: Partial<TpeOptions>;
}

/**
 * `method: bayes` / `method: tpe`: a Tree-structured Parzen Estimator (search/tpe/) over the
 * spec's parameters. Trials 0..startup-1 are the random method's draws (known up front:
 * initial()); after them, decisions at fixed index boundaries, each proposing `batch`
 * trials from every earlier trial's result, trial i drawing from its own seed
 * (random_seed, 'tpe', i). Completed trials count with their metric, pruned ones with the
 * metric at their rung (ranked after completed ones, deeper rungs first), failed, diverged
 * and timed-out ones as bad. The same spec and seed give the same trials with any worker
 * count and after a kill and rerun.
 */
export class TpeSampler implements Sampler {
  private readonly space: ParameterSpace;
  private readonly batch: number;
  private readonly startup: number;

  constructor(private readonly spec: SweepSpec, private readonly options: TpeSamplerOptions = {}) {
    this.space = parameterSpace(spec.parameters);
    if (this.space.unsupported.length > 0) {
      throw new Error(`TPE cannot model ${this.space.unsupported.map((u) => `${u.name} (${u.why})`).join(', ')}`);
    }
    this.batch = Math.max(1, options.batch ?? TPE_BATCH);
    this.startup = Math.max(1, options.startup ?? TPE_STARTUP_TRIALS);
  }

  initial(): PlannedTrial[] {
    return planSweep({ ...this.spec, method: 'random', run_cap: Math.min(this.startup, this.runCap) });
  }

  /** How many trials the sweep will have: run_cap. */
  get total(): number {
    return this.runCap;
  }

  next(history: readonly TrialRecord[]): PlannedTrial[] | 'wait' | 'done' {
    const n = history.length;
    if (n >= this.runCap) return 'done';
    if (history.some((r) => r.status === 'pending' || r.status === 'running' || r.status === 'interrupted')) return 'wait';
    const observations = history.map((r) => this.observe(r));
    const seen = new Set(history.map((r) => r.trial_key));
    const out: PlannedTrial[] = [];
    for (let idx = n; idx < Math.min(n + this.batch, this.runCap); idx++) {
      const trial = this.propose(idx, observations, seen);
      seen.add(trial.key);
      out.push(trial);
    }
    return out;
  }

  private get runCap(): number {
    return this.spec.run_cap ?? TPE_STARTUP_TRIALS;
  }

  private propose(idx: number, observations: Observation[], seen: ReadonlySet<string>): PlannedTrial {
    const domains: Record<string, SearchDomain> = {};
    for (const p of this.space.params) domains[p.name] = p.domain;
    let trial: PlannedTrial | null = null;
    for (let attempt = 0; attempt < DISTINCT_ATTEMPTS; attempt++) {
      const rng = createPrng(deriveSeed(this.spec.random_seed, 'tpe', idx, attempt));
      const x = proposeTpe(domains, observations, rng, { goal: this.spec.metric.goal, nStartupTrials: this.startup, ...this.options.tpe });
      const assignment: Record<string, ParamValue> = { ...this.space.fixed };
      for (const p of this.space.params) assignment[p.name] = p.toValue(x[p.name]);
      trial = buildTrial(this.spec, idx, sortedAssignment(assignment));
      if (!seen.has(trial.key)) break;
    }
    return trial!;
  }

  /** A trial as the estimators see it. */
  private observe(r: TrialRecord): Observation {
    const params: Record<string, number> = {};
    for (const p of this.space.params) {
      const x = p.toDomain(r.params[p.name]);
      if (x !== null) params[p.name] = x;
    }
    const metric = this.spec.metric.name;
    if (r.status === 'completed') return { params, value: metricValue(r.final, metric) };
    if (r.status === 'pruned') return { params, value: metricValue(r.final, metric), step: r.rung ?? r.epochs_done };
    return { params, value: null };
  }
}

function sortedAssignment(a: Record<string, ParamValue>): Record<string, ParamValue> {
  return JSON.parse(canonicalJson(a)) as Record<string, ParamValue>;
}
