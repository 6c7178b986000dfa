import {
  isNormalDistribution, isQDistribution, isRangeDistribution, NORMAL_DISTRIBUTIONS, POSITIVE_RANGE_DISTRIBUTIONS, qBounds, rangeLimits,
  type Distribution,
} from './distributions.js';
import type { PathSegment } from './spec-issue.js';

/**
 * One entry of `parameters:` as written (after `{min, max}` got its inferred distribution,
 * see infer-distribution.ts): exactly one of
 *   {value} | {distribution: constant, value}
 *   | {values, probabilities?} | {distribution: categorical | categorical_w_probabilities, values, probabilities?}
 *   | {distribution: <range>, min, max, q?}        (q only for q_ forms, default 1)
 *   | {distribution: <normal family>, mu?, sigma?, q?}   (mu 0, sigma 1, q 1 by default)
 */
export interface RawParameter {
  value?: unknown;
  values?: unknown[];
  probabilities?: number[];
  distribution?: Distribution;
  min?: number;
  max?: number;
  q?: number;
  mu?: number;
  sigma?: number;
}

export interface LocalProblem {
  path: PathSegment[];
  message: string;
}

export const SHAPE_WHAT = 'a mapping with value, values, min and max, or distribution';

/**
 * W&B's np.isclose(sum, 1) with its default tolerances (rtol 1e-5, atol 1e-8): a list
 * written to 5 decimals (0.33333 three times) passes, as it does in W&B.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-5 + 1e-8;

type Key = keyof RawParameter;
const RANGE_KEYS = ['min', 'max'] as const;
const NORMAL_KEYS = ['mu', 'sigma'] as const;
const LIST_KEYS = ['values', 'probabilities'] as const;

/** Which keys may go together, and the checks within one entry. Empty when well formed. */
export function shapeProblems(p: RawParameter): LocalProblem[] {
  const out: LocalProblem[] = [];
  const has = (k: Key) => p[k] !== undefined;
  const refuse = (keys: readonly Key[], message: string) => {
    for (const k of keys) if (has(k)) out.push({ path: [k], message });
  };
  const d = p.distribution;
  if (has('value') || d === 'constant') {
    if (!has('value')) out.push({ path: ['distribution'], message: 'constant needs value: the one value of the parameter' });
    refuse([...LIST_KEYS, ...RANGE_KEYS, ...NORMAL_KEYS, 'q'], 'does not go with value (value fixes the parameter)');
    if (d !== undefined && d !== 'constant') out.push({ path: ['distribution'], message: 'does not go with value (value fixes the parameter)' });
    return out;
  }
  if (d === undefined) {
    if (!has('values')) {
      const one = has('min') ? 'min' : has('max') ? 'max' : undefined;
      if (one) out.push({ path: [one], message: `goes with ${one === 'min' ? 'max' : 'min'}: {min, max} draws from that range (int_uniform for whole numbers, uniform otherwise)` });
      else out.push({ path: [], message: `expected ${SHAPE_WHAT}, got none of them` });
    }
    refuse(NORMAL_KEYS, `goes with a normal distribution (${NORMAL_DISTRIBUTIONS.join(', ')})`);
    refuse(['q'], 'goes with a quantized distribution (q_uniform, q_log_uniform_values, q_normal, ...)');
    if (has('values')) refuse(RANGE_KEYS, 'does not go with values: give a list of values or a range {min, max}, not both');
    out.push(...probabilityProblems(p));
    return out;
  }
  if (d === 'categorical' || d === 'categorical_w_probabilities') {
    if (!has('values')) out.push({ path: ['distribution'], message: `${d} draws from values: add values: [...]` });
    if (d === 'categorical_w_probabilities' && !has('probabilities')) {
      out.push({ path: ['distribution'], message: 'categorical_w_probabilities needs probabilities: one per value' });
    }
    refuse([...RANGE_KEYS, ...NORMAL_KEYS, 'q'], `does not go with ${d} (it draws from values)`);
    out.push(...probabilityProblems(p));
    return out;
  }
  if (!isQDistribution(d)) refuse(['q'], 'goes with the quantized distributions only (q_uniform, q_log_uniform, q_log_uniform_values, q_normal, q_log_normal)');
  if (isNormalDistribution(d)) {
    refuse(LIST_KEYS, `${d} draws around mu with spread sigma; to draw from a list use distribution: categorical`);
    refuse(RANGE_KEYS, `does not go with ${d}: a normal distribution takes mu and sigma (min and max go with ranges such as uniform)`);
    return out;
  }
  if (!isRangeDistribution(d)) return out; // the schema refuses the name itself
  refuse(LIST_KEYS, `${d} draws between min and max; to draw from a list use distribution: categorical`);
  refuse(NORMAL_KEYS, `does not go with ${d}: a range takes min and max (mu and sigma go with normal, q_normal, log_normal, q_log_normal)`);
  if (!has('min') || !has('max')) {
    out.push({ path: ['distribution'], message: `${d} needs min and max` });
    return out;
  }
  const min = p.min as number;
  const max = p.max as number;
  if (min >= max) {
    out.push({ path: ['max'], message: `expected max > min (${min}), got ${max}` });
    return out;
  }
  if (d === 'int_uniform') {
    for (const k of RANGE_KEYS) if (!Number.isInteger(p[k])) out.push({ path: [k], message: `expected a whole number for int_uniform, got ${p[k]}` });
  }
  if ((POSITIVE_RANGE_DISTRIBUTIONS as readonly string[]).includes(d) && min <= 0) {
    out.push({ path: ['min'], message: `expected min > 0 for ${d} (it takes the logarithm of min and max), got ${min}` });
    return out;
  }
  const limits = rangeLimits(d, min, max);
  if (!Number.isFinite(limits.hi)) {
    const inv = d === 'inv_log_uniform';
    out.push({
      path: [inv ? 'min' : 'max'],
      message: `${d} reads min and max as natural-log exponents, and e^${inv ? -min : max} overflows: for the values themselves use ${d}_values`,
    });
    return out;
  }
  if (isQDistribution(d)) {
    const q = p.q ?? 1;
    const { lo, hi } = qBounds(limits.lo, limits.hi, q);
    if (lo > hi) out.push({ path: [has('q') ? 'q' : 'distribution'], message: `no multiple of q = ${q} lies in [${limits.lo}, ${limits.hi}]` });
  }
  return out;
}

/** `probabilities`: one weight per value, summing to 1 (W&B's tolerance). */
function probabilityProblems(p: RawParameter): LocalProblem[] {
  const probs = p.probabilities;
  if (probs === undefined || !Array.isArray(p.values)) return [];
  if (probs.length !== p.values.length) {
    return [{ path: ['probabilities'], message: `expected one probability per value (${p.values.length}), got ${probs.length}` }];
  }
  const sum = probs.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
    return [{ path: ['probabilities'], message: `expected probabilities that sum to 1, got a sum of ${Number(sum.toPrecision(12))}` }];
  }
  return [];
}
