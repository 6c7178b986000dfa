import { z } from 'zod';
import { canonicalJson } from './canonical-json.js';
import { DISTRIBUTIONS } from './distributions.js';
import { shapeProblems, SHAPE_WHAT, type LocalProblem, type RawParameter } from './parameter-shape.js';
import { expecting, finiteNumber, nonNegativeNumber, oneOf, positiveNumber } from './schema-helpers.js';

export type { RawParameter } from './parameter-shape.js';

/** Editor hover text for one `parameters` entry. */
export const PARAMETER_HELP =
  'W&B Sweeps forms. Exactly one of: {value} | {values: [...], probabilities?} (grid points, or random picks, weighted by probabilities) | ' +
  '{min, max} (int_uniform when both are written as whole numbers, uniform otherwise) | {distribution: categorical, values, probabilities?} | ' +
  '{distribution: uniform | int_uniform | q_uniform | log_uniform_values | q_log_uniform_values | inv_log_uniform_values | ' +
  'log_uniform | q_log_uniform | inv_log_uniform, min, max, q (q_ forms, default 1)} (log_uniform, q_log_uniform, inv_log_uniform: min and max are natural-log exponents) | ' +
  '{distribution: normal | q_normal | log_normal | q_log_normal, mu (default 0), sigma (default 1), q (q_ forms, default 1)}. ' +
  'method grid takes value, values, int_uniform (every integer min..max) and q_uniform (min, min+q, ... below max); the others need method random.';

/**
 * The schema of one `parameters` entry: each value (of value / values) is checked against
 * `item`, the schema of one value of that parameter. Which keys go together is
 * parameter-shape.ts; whether a distribution's draws fit `item` depends on the method and is
 * checked with parameter-probes.ts by check-draws.ts and check-dotted.ts.
 */
export function parameterSchema(item: z.ZodType) {
  return z
    .strictObject(
      {
        value: item.optional(),
        values: z.array(item, expecting('a list of values')).min(1, { error: 'expected at least one value, got an empty list' }).optional(),
        probabilities: z
          .array(nonNegativeNumber('a probability >= 0'), expecting('a list of probabilities, one per value'))
          .min(1, { error: 'expected at least one probability, got an empty list' })
          .optional(),
        distribution: oneOf(DISTRIBUTIONS).optional(),
        min: finiteNumber().optional(),
        max: finiteNumber().optional(),
        q: positiveNumber().optional(),
        mu: finiteNumber().optional().describe('Mean of a normal distribution (of log X for log_normal); default 0.'),
        sigma: positiveNumber().optional().describe('Standard deviation of a normal distribution (of log X for log_normal); default 1.'),
      },
      expecting(SHAPE_WHAT, shapeHint),
    )
    .superRefine((p, ctx) => {
      const problems = shapeProblems(p);
      if (problems.length === 0) problems.push(...duplicateProblems(p));
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
