import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { DISTRIBUTIONS, drawFromRange, isRangeDistribution, qBounds, qValue, type Distribution, type RangeDistribution } from './distributions.js';
import { expecting, finiteNumber, oneOf, positiveNumber } from './schema-helpers.js';
import type { PathSegment } from './spec-issue.js';

/**
 * One entry of `parameters:` as written: exactly one of
 *   {value: v} | {values: [...]} | {distribution: categorical, values: [...]}
 *   | {distribution: uniform | log_uniform_values | int_uniform | q_uniform, min, max, q?}
 * Each value (and a range's reachable values) is checked against `item`, the schema of
 * one value of that parameter.
 */
export interface RawParameter {
  value?: unknown;
  values?: unknown[];
  distribution?: Distribution;
  min?: number;
  max?: number;
  q?: number;
}

const SHAPE_WHAT = 'a mapping with value, values or distribution';

/** Editor hover text for one `parameters` entry. */
export const PARAMETER_HELP =
  'Exactly one of: {value} | {values: [...]} (grid points, or random picks) | {distribution: categorical, values} | ' +
  '{distribution: uniform | log_uniform_values | int_uniform | q_uniform, min, max, q (q_uniform only)} (method random only).';

export function parameterSchema(item: z.ZodType) {
  return z
    .strictObject(
      {
        value: item.optional(),
        values: z.array(item, expecting('a list of values')).min(1, { error: 'expected at least one value, got an empty list' }).optional(),
        distribution: oneOf(DISTRIBUTIONS).optional(),
        min: finiteNumber().optional(),
        max: finiteNumber().optional(),
        q: positiveNumber().optional(),
      },
      expecting(SHAPE_WHAT, shapeHint),
    )
    .superRefine((p, ctx) => {
      const problems = shapeProblems(p);
      if (problems.length === 0) problems.push(...duplicateProblems(p), ...rangeProblems(p, item));
      for (const { path, message } of problems) ctx.addIssue({ code: 'custom', path, message });
    })
    .describe(PARAMETER_HELP);
}

/** The W&B-style fix for a bare value or list written where a parameter mapping belongs. */
function shapeHint(input: unknown): string | undefined {
  if (Array.isArray(input)) return `to sweep these, write {values: ${flowText(input)}}`;
  if (input === null || typeof input !== 'object') return `to fix it, write {value: ${flowText(input)}}`;
  return undefined;
}

/** A short YAML flow rendering of a scalar or list, for hints (long lists elided). */
function flowText(v: unknown): string {
  if (Array.isArray(v)) return `[${v.slice(0, 6).map(flowText).join(', ')}${v.length > 6 ? ', ...' : ''}]`;
  if (typeof v === 'string') return /^[\w.+-]+$/.test(v) ? v : JSON.stringify(v);
  if (v === null) return 'null';
  if (typeof v === 'object') return '{...}';
  return String(v);
}

interface LocalProblem {
  path: PathSegment[];
  message: string;
}

/** Which keys may go together. Empty when the entry is well formed. */
export function shapeProblems(p: RawParameter): LocalProblem[] {
  const out: LocalProblem[] = [];
  const has = (k: keyof RawParameter) => p[k] !== undefined;
  const rangeKeys = ['min', 'max', 'q'] as const;
  if (has('value')) {
    for (const k of ['values', 'distribution', ...rangeKeys] as const) {
      if (has(k)) out.push({ path: [k], message: `does not go with value (value fixes the parameter)` });
    }
    return out;
  }
  if (!has('distribution')) {
    if (!has('values')) out.push({ path: [], message: `expected ${SHAPE_WHAT}, got none of them` });
    for (const k of rangeKeys) {
      if (has(k)) out.push({ path: [k], message: `goes with a distribution (uniform, log_uniform_values, int_uniform, q_uniform)` });
    }
    return out;
  }
  const d = p.distribution as Distribution;
  if (d === 'categorical') {
    if (!has('values')) out.push({ path: ['distribution'], message: 'categorical draws from values: add values: [...]' });
    for (const k of rangeKeys) if (has(k)) out.push({ path: [k], message: 'does not go with categorical (it draws from values)' });
    return out;
  }
  if (has('values')) out.push({ path: ['values'], message: `${d} draws between min and max; to draw from a list use distribution: categorical` });
  if (!has('min') || !has('max')) {
    out.push({ path: ['distribution'], message: `${d} needs min and max` });
    return out;
  }
  const min = p.min as number;
  const max = p.max as number;
  if (min >= max) out.push({ path: ['max'], message: `expected max > min (${min}), got ${max}` });
  if (d === 'q_uniform' && !has('q')) out.push({ path: ['distribution'], message: 'q_uniform needs q (the step between values)' });
  if (d !== 'q_uniform' && has('q')) out.push({ path: ['q'], message: 'goes with q_uniform only' });
  if (d === 'int_uniform') {
    for (const k of ['min', 'max'] as const) {
      if (!Number.isInteger(p[k])) out.push({ path: [k], message: `expected a whole number for int_uniform, got ${p[k]}` });
    }
  }
  if (d === 'log_uniform_values' && min <= 0) out.push({ path: ['min'], message: `expected min > 0 for log_uniform_values, got ${min}` });
  if (d === 'q_uniform' && has('q') && min < max) {
    const { lo, hi } = qBounds(min, max, p.q as number);
    if (lo > hi) out.push({ path: ['q'], message: `no multiple of ${p.q} lies in [${min}, ${max}]` });
  }
  return out;
}

/** A `values` list must not repeat itself: a repeat would be the same trial twice. */
function duplicateProblems(p: RawParameter): LocalProblem[] {
  if (!Array.isArray(p.values)) return [];
  const out: LocalProblem[] = [];
  const seen = new Map<string, number>();
  p.values.forEach((v, i) => {
    // `none` and null are the same value for the knobs that take either.
    const key = canonicalJson(v === 'none' ? null : v);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ path: ['values', i], message: `repeats values[${first}]: each value may be listed once` });
  });
  return out;
}

export interface RangeProbe {
  path: PathSegment[];
  value: number;
  /** Prefix for a refusal, e.g. `uniform can draw 70.71`; empty for min/max themselves. */
  note: string;
}

/**
 * Values a range distribution can produce that are worth checking against the
 * parameter's type: both ends and, where draws can be fractional, a typical inner draw
 * (this is what catches `uniform` over a whole-number parameter).
 */
export function rangeProbes(p: RawParameter): RangeProbe[] {
  if (!isRangeDistribution(p.distribution) || p.min === undefined || p.max === undefined) return [];
  const d: RangeDistribution = p.distribution;
  const probes: RangeProbe[] = [
    { path: ['min'], value: p.min, note: '' },
    { path: ['max'], value: p.max, note: '' },
  ];
  if (d === 'uniform' || d === 'log_uniform_values') {
    // 1/sqrt(2) of the way along: never a whole number for whole-number ends.
    const v = drawFromRange(d, p.min, p.max, undefined, Math.SQRT1_2);
    probes.push({ path: ['distribution'], value: v, note: `${d} can draw ${v}` });
  } else if (d === 'q_uniform' && p.q !== undefined) {
    const { lo, hi } = qBounds(p.min, p.max, p.q);
    for (let k = lo; k <= Math.min(hi, lo + 1); k++) {
      const v = qValue(k, p.q);
      probes.push({ path: ['distribution'], value: v, note: `q_uniform can draw ${v}` });
    }
  }
  return probes;
}

function rangeProblems(p: RawParameter, item: z.ZodType): LocalProblem[] {
  const out: LocalProblem[] = [];
  for (const probe of rangeProbes(p)) {
    // Inner draws are only worth a word once both ends are acceptable.
    if (probe.note && out.length > 0) break;
    const r = item.safeParse(probe.value);
    if (r.success) continue;
    const why = r.error.issues[0]?.message ?? 'refused';
    out.push({ path: probe.path, message: probe.note ? `${probe.note}, which is refused (${why}): use int_uniform or list values` : why });
  }
  return out;
}
