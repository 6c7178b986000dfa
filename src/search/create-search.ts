import { z } from 'zod';
import { canonicalJson } from '../config/canonical-json.js';
import { isPlainObject } from '../config/describe-value.js';
import { normalizeParameter } from '../config/normalize-spec.js';
import { parameterSchema } from '../config/parameter-schema.js';
import { formatPath } from '../config/spec-issue.js';
import type { ParameterSpec, ParamValue } from '../config/types.js';
import { fallbackMessage, issuesFromZod } from '../config/zod-issues.js';
import { createPrng, deriveSeed } from '../core/prng.js';
import { TfsweepError } from '../errors.js';
import { sampleRandom } from '../planner/sample-random.js';
import { parameterSpace } from './parameter-space.js';
import { TPE_STARTUP_TRIALS } from './tpe-sampler.js';
import { proposeTpe, type Observation, type SearchDomain } from './tpe/index.js';

/** Proposals tried per point before a repeat of an earlier point is accepted (as TpeSampler). */
const DISTINCT_ATTEMPTS = 20;

/** What createSearch takes: a sweep spec's search part, parameters in the spec's syntax. */
export interface SearchConfig {
  method: 'bayes' | 'tpe' | 'random';
  metric: { name: string; goal: 'minimize' | 'maximize' };
  parameters: Record<string, unknown>;
  random_seed?: number;
}

export interface AskedTrial {
  index: number;
  params: Record<string, ParamValue>;
}

/** Ask/tell over tfsweep's search methods, for any objective (Optuna's study.ask / study.tell). */
export interface Search {
  /** The next point to evaluate; its index is its position in the sequence. */
  ask(): AskedTrial;
  /** The objective's value at an asked point; null for a failed evaluation (counted as bad). */
  tell(index: number, value: number | null): void;
  /** The best told point, or null before any finite value. */
  best(): (AskedTrial & { value: number }) | null;
}

/**
 * A search over `parameters` (every distribution the spec takes, `values`, `value`; `{min,
 * max}` inferred as W&B does: int_uniform for whole-number bounds). bayes / tpe: random
 * start-up points (the random method's own draws), then a TPE proposal from every point
 * told so far, point i drawing from seed (random_seed, 'tpe', i); random: the random
 * method's draws. Deterministic: the same config and the same tells give the same points.
 * Bad parameters throw a TfsweepError E_SEARCH_PARAMETERS naming each problem.
 */
export function createSearch(config: SearchConfig): Search {
  const parameters = normalizeParameters(config.parameters);
  const seed = config.random_seed ?? 0;
  const space = parameterSpace(parameters);
  if (config.method !== 'random' && space.unsupported.length > 0) {
    throw new TfsweepError('E_SEARCH_PARAMETERS', `TPE cannot model ${space.unsupported.map((u) => `${u.name} (${u.why})`).join(', ')}`, 2);
  }
  const asked: AskedTrial[] = [];
  const told = new Map<number, number | null>();
  const random = (i: number): Record<string, ParamValue> => sampleRandom(parameters, i + 1, seed)[i] ?? sampleRandom(parameters, 1, deriveSeed(seed, 'repeat', i))[0];
  const domains: Record<string, SearchDomain> = {};
  for (const p of space.params) domains[p.name] = p.domain;
  const sign = config.metric.goal === 'maximize' ? -1 : 1;
  return {
    ask() {
      const index = asked.length;
      let params: Record<string, ParamValue>;
      if (config.method === 'random' || index < TPE_STARTUP_TRIALS) params = random(index);
      else {
        const observations: Observation[] = [];
        for (const t of asked) {
          if (!told.has(t.index)) continue;
          const x: Record<string, number> = {};
          for (const p of space.params) {
            const v = p.toDomain(t.params[p.name]);
            if (v !== null) x[p.name] = v;
          }
          observations.push({ params: x, value: told.get(t.index) ?? null });
        }
        // A point asked before is proposed again only when 20 draws found nothing new.
        const seen = new Set(asked.map((t) => canonicalJson(t.params)));
        params = { ...space.fixed };
        for (let attempt = 0; attempt < DISTINCT_ATTEMPTS; attempt++) {
          const proposal = proposeTpe(domains, observations, createPrng(deriveSeed(seed, 'tpe', index, attempt)), {
            goal: config.metric.goal, nStartupTrials: TPE_STARTUP_TRIALS,
          });
          params = { ...space.fixed };
          for (const p of space.params) params[p.name] = p.toValue(proposal[p.name]);
          if (!seen.has(canonicalJson(params))) break;
        }
      }
      const trial = { index, params };
      asked.push(trial);
      return { index, params: structuredClone(params) };
    },
    tell(index, value) {
      if (!Number.isInteger(index) || index < 0 || index >= asked.length) throw new TfsweepError('E_SEARCH_UNKNOWN', `no asked point ${index}`, 2);
      if (told.has(index)) throw new TfsweepError('E_SEARCH_ALREADY_TOLD', `point ${index} was already told`, 2);
      told.set(index, typeof value === 'number' && Number.isFinite(value) ? value : null);
    },
    best() {
      let best: (AskedTrial & { value: number }) | null = null;
      for (const [index, value] of told) {
        if (value === null) continue;
        if (best === null || sign * (value - best.value) < 0) best = { index, params: structuredClone(asked[index].params), value };
      }
      return best;
    },
  };
}

function normalizeParameters(raw: Record<string, unknown>): Record<string, ParameterSpec> {
  const out: Record<string, ParameterSpec> = {};
  const problems: string[] = [];
  const schema = parameterSchema(z.unknown());
  for (const name of Object.keys(raw).sort()) {
    let entry = raw[name];
    // W&B: {min, max} alone is int_uniform for whole-number bounds, uniform otherwise.
    if (isPlainObject(entry) && entry.distribution === undefined && entry.value === undefined && entry.values === undefined &&
      typeof entry.min === 'number' && typeof entry.max === 'number') {
      entry = { ...entry, distribution: Number.isInteger(entry.min) && Number.isInteger(entry.max) ? 'int_uniform' : 'uniform' };
    }
    const r = schema.safeParse(entry, { error: fallbackMessage });
    if (!r.success) {
      for (const i of issuesFromZod(r.error.issues, schema, entry, ['parameters', name])) problems.push(`${formatPath(i.path)}: ${i.message}`);
      continue;
    }
    out[name] = normalizeParameter(r.data as never, (v) => v);
  }
  if (problems.length > 0) throw new TfsweepError('E_SEARCH_PARAMETERS', problems.join('\n'), 2);
  return out;
}
