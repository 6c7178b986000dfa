import type { z } from 'zod';
import {
  DEFAULT_MU, DEFAULT_SIGMA, drawFromRange, gridPoint, gridRangeCount, isGridRange, isNormalDistribution, isQDistribution,
  isRangeDistribution, qBounds, qValue, rangeLimits, type NormalDistribution,
} from './distributions.js';
import { drawFromNormal, NORMAL_Z_MAX } from './normal-draw.js';
import type { LocalProblem, RawParameter } from './parameter-shape.js';
import type { PathSegment } from './spec-issue.js';

/**
 * The values a distribution can produce that are worth checking against the parameter's
 * domain (a knob's item schema, or a dotted field re-validated in place). Every domain in
 * a spec is an interval, possibly of whole numbers, and every draw formula is monotone, so
 * the smallest and largest reachable values plus one typical inner draw (never a whole
 * number for a continuous distribution) decide whether any draw can be refused.
 *
 * Normal draws are bounded by construction (|Z| <= NORMAL_Z_MAX, see normal-draw.ts), so
 * the same check applies to them: a normal whose reachable values leave the domain (momentum
 * in [0, 1), a positive learning_rate, whole-number epochs) is refused at plan time, never
 * clipped, since clipping would pile draws on the bound and differ from W&B without a word.
 */
export interface RangeProbe {
  path: PathSegment[];
  value: number;
  /** Prefix for a refusal, e.g. `uniform can draw 70.71`; empty for a written min/max itself. */
  note: string;
  /** An inner draw: only worth a word once the extremes pass. */
  inner: boolean;
  /** What to do instead, ending a refusal. */
  hint: string;
}

const LIST_HINT = 'use int_uniform or list values';
const Q_HINT = 'use bounds and a q whose multiples the parameter takes, or list values';
const NORMAL_HINT = 'use a smaller sigma, or a bounded distribution such as uniform, q_uniform or log_uniform_values';

export function rangeProbes(p: RawParameter, method: unknown): RangeProbe[] {
  const d = p.distribution;
  if (isNormalDistribution(d)) return normalProbes(p, d);
  if (!isRangeDistribution(d) || p.min === undefined || p.max === undefined) return [];
  const { min, max } = p;
  const q = p.q ?? 1;
  const end = (path: PathSegment, value: number, note = ''): RangeProbe => ({ path: [path], value, note, inner: false, hint: LIST_HINT });
  const draw = (value: number): RangeProbe => ({ path: ['distribution'], value, note: `${d} can draw ${value}`, inner: true, hint: LIST_HINT });
  if (method === 'grid' && isGridRange(d)) {
    if (d === 'int_uniform') return [end('min', min), end('max', max)];
    // The grid holds min + k q below max (max excluded): its second and last points.
    const n = gridRangeCount(d, min, max, q);
    const probes = [end('min', min)];
    for (const k of n > 2 ? [1, n - 1] : n > 1 ? [1] : []) {
      const v = gridPoint(min, q, k);
      probes.push({ path: ['distribution'], value: v, note: `q_uniform puts ${v} in the grid`, inner: false, hint: LIST_HINT });
    }
    return probes;
  }
  const limits = rangeLimits(d, min, max);
  if (isQDistribution(d) && d !== 'q_uniform') {
    // Draws are the multiples of q inside the limits: the first two and the last. (q_uniform
    // keeps its first checks below, written bounds included, so its messages stay as they were.)
    const { lo, hi } = qBounds(limits.lo, limits.hi, q);
    const ks = hi > lo + 1 ? [lo, lo + 1, hi] : hi > lo ? [lo, hi] : [lo];
    return ks.map((k, i) => ({
      ...draw(qValue(k, q)),
      path: [i === ks.length - 1 && ks.length > 1 ? 'max' : i === 0 ? 'min' : 'distribution'],
      inner: false,
      hint: Q_HINT,
    }));
  }
  const written = limits.lo === min && limits.hi === max;
  const probes = written
    ? [end('min', min), end('max', max)]
    : [end('min', limits.lo, `${d} can draw ${limits.lo}`), end('max', limits.hi, `${d} can draw ${limits.hi}`)];
  if (d === 'q_uniform') {
    const { lo, hi } = qBounds(min, max, q);
    for (let k = lo; k <= Math.min(hi, lo + 1); k++) probes.push(draw(qValue(k, q)));
  } else {
    // 1/sqrt(2) of the way along: never a whole number for whole-number ends.
    probes.push(draw(drawFromRange(d, min, max, undefined, Math.SQRT1_2)));
  }
  return probes;
}

function normalProbes(p: RawParameter, d: NormalDistribution): RangeProbe[] {
  const mu = p.mu ?? DEFAULT_MU;
  const sigma = p.sigma ?? DEFAULT_SIGMA;
  const at = (z: number) => drawFromNormal(d, mu, sigma, p.q, z);
  const lo = at(-NORMAL_Z_MAX);
  const hi = at(NORMAL_Z_MAX);
  const z = NORMAL_Z_MAX.toFixed(2);
  const probe = (value: number, note: string, inner: boolean): RangeProbe => ({ path: ['distribution'], value, note, inner, hint: NORMAL_HINT });
  const probes = [
    probe(lo, `${d} can draw ${lo} (at mu - ${z} sigma, its lowest draw)`, false),
    probe(hi, `${d} can draw ${hi} (at mu + ${z} sigma, its highest draw)`, false),
  ];
  if (d === 'normal' || d === 'log_normal') probes.push(probe(at(Math.SQRT1_2), `${d} can draw ${at(Math.SQRT1_2)}`, true));
  else {
    const step = qValue(Math.round(lo / (p.q ?? 1)) + 1, p.q ?? 1);
    if (step <= hi) probes.push(probe(step, `${d} can draw ${step}`, true));
  }
  return probes;
}

/** The probes `item` refuses, worded for the spec; inner draws only once the extremes pass. */
export function probeProblems(p: RawParameter, item: z.ZodType, method: unknown): LocalProblem[] {
  const out: LocalProblem[] = [];
  for (const probe of rangeProbes(p, method)) {
    if (probe.inner && out.length > 0) break;
    if (out.some((o) => o.path.join('.') === probe.path.join('.'))) continue; // one word per key
    const r = item.safeParse(probe.value);
    if (r.success) continue;
    out.push({ path: probe.path, message: probeMessage(probe, r.error.issues[0]?.message ?? 'refused') });
  }
  return out;
}

/** `uniform can draw 70.71, which is refused (why): use ...`; a written bound reads as `why` alone. */
export function probeMessage(probe: RangeProbe, why: string): string {
  return probe.note ? `${probe.note}, which is refused (${why}): ${probe.hint}` : why;
}
