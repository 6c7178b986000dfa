/**
 * The distributions a parameter may be drawn from, with W&B Sweeps' names and meanings,
 * and the one formula per distribution that turns uniform variates into a draw. The
 * planner samples with these formulas and the validator probes with them, so what is
 * checked is exactly what can be drawn.
 *
 * Where tfsweep departs from the W&B engine (wandb/sweeps, params.py), on purpose:
 * - quantized range draws (q_uniform, q_log_uniform, q_log_uniform_values) stay on the
 *   multiples of q inside the written bounds; W&B rounds to the nearest multiple even when
 *   that lies outside them (q_log_uniform_values {min: 1, max: 100, q: 8} can give 0 there);
 * - W&B returns Python ints when q is written as an integer and floats otherwise
 *   (`q: 1.0`, or q left at its default 1.0); tfsweep has one number type, so `q: 1` and
 *   `q: 1.0` draw the same numbers, 3 and 3.0 alike stored as 3;
 * - draws keep 10 significant digits (roundDraw).
 */

/** min/max ranges. Never expandable by a grid except those in GRID_RANGE_DISTRIBUTIONS. */
export const RANGE_DISTRIBUTIONS = [
  'uniform', 'int_uniform', 'q_uniform',
  'log_uniform_values', 'q_log_uniform_values', 'inv_log_uniform_values',
  'log_uniform', 'q_log_uniform', 'inv_log_uniform',
] as const;
export type RangeDistribution = (typeof RANGE_DISTRIBUTIONS)[number];

/** mu/sigma distributions (W&B defaults: mu 0, sigma 1). */
export const NORMAL_DISTRIBUTIONS = ['normal', 'q_normal', 'log_normal', 'q_log_normal'] as const;
export type NormalDistribution = (typeof NORMAL_DISTRIBUTIONS)[number];

/**
 * Every name `distribution:` accepts. `constant` goes with `value`; `categorical` and
 * `categorical_w_probabilities` (W&B's schema name for a categorical with probabilities)
 * go with `values`.
 */
export const DISTRIBUTIONS = ['constant', 'categorical', 'categorical_w_probabilities', ...RANGE_DISTRIBUTIONS, ...NORMAL_DISTRIBUTIONS] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** The distributions that take `q` (default 1, as in W&B). */
export const Q_DISTRIBUTIONS = ['q_uniform', 'q_log_uniform', 'q_log_uniform_values', 'q_normal', 'q_log_normal'] as const;
export const DEFAULT_Q = 1;
export const DEFAULT_MU = 0;
export const DEFAULT_SIGMA = 1;

/** Ranges a grid expands, as W&B's grid does: every integer, or every q step from min. */
export const GRID_RANGE_DISTRIBUTIONS = ['int_uniform', 'q_uniform'] as const;

/** The ranges whose min must be > 0 (they take logarithms of the bounds). */
export const POSITIVE_RANGE_DISTRIBUTIONS = ['log_uniform_values', 'q_log_uniform_values', 'inv_log_uniform_values'] as const;

export function isRangeDistribution(d: unknown): d is RangeDistribution {
  return (RANGE_DISTRIBUTIONS as readonly unknown[]).includes(d);
}

export function isNormalDistribution(d: unknown): d is NormalDistribution {
  return (NORMAL_DISTRIBUTIONS as readonly unknown[]).includes(d);
}

export function isQDistribution(d: unknown): boolean {
  return (Q_DISTRIBUTIONS as readonly unknown[]).includes(d);
}

export function isGridRange(d: unknown): d is (typeof GRID_RANGE_DISTRIBUTIONS)[number] {
  return (GRID_RANGE_DISTRIBUTIONS as readonly unknown[]).includes(d);
}

/**
 * Draws keep 10 significant digits: plenty for a hyperparameter, short in tables, and
 * immune to last-bit differences of Math.exp/Math.log between platforms.
 */
export function roundDraw(x: number): number {
  return Number(x.toPrecision(10));
}

/** The range of multiples k*q inside [min, max] (tolerant of float error at the ends). */
export function qBounds(min: number, max: number, q: number): { lo: number; hi: number } {
  return { lo: Math.ceil(min / q - 1e-9), hi: Math.floor(max / q + 1e-9) };
}

export function qValue(k: number, q: number): number {
  return roundDraw(k * q);
}

/**
 * The interval a range distribution draws from before quantization: [min, max] for the
 * `_values` forms and the linear ones; W&B's older log forms read min and max as natural-log
 * exponents, so log_uniform spans [e^min, e^max] and inv_log_uniform [e^-max, e^-min].
 */
export function rangeLimits(d: RangeDistribution, min: number, max: number): { lo: number; hi: number } {
  switch (d) {
    case 'log_uniform':
    case 'q_log_uniform':
      return { lo: roundDraw(Math.exp(min)), hi: roundDraw(Math.exp(max)) };
    case 'inv_log_uniform':
      return { lo: roundDraw(Math.exp(-max)), hi: roundDraw(Math.exp(-min)) };
    default:
      return { lo: min, hi: max };
  }
}

/**
 * The draw for uniform variate `u` in [0, 1), monotone in u. Always inside rangeLimits.
 * int_uniform gives integers min..max inclusive; a q_ form the multiple of q nearest the
 * unquantized draw, among the multiples inside the limits. The formulas of uniform,
 * log_uniform_values, int_uniform and q_uniform are fixed: plans made before depend on them.
 */
export function drawFromRange(d: RangeDistribution, min: number, max: number, q: number | undefined, u: number): number {
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  switch (d) {
    case 'uniform':
      return clamp(roundDraw(min + u * (max - min)));
    case 'log_uniform_values':
      return clamp(roundDraw(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)))));
    case 'int_uniform':
      return min + Math.floor(u * (max - min + 1));
    case 'q_uniform':
      return quantizeInside(min + u * (max - min), min, max, q ?? DEFAULT_Q);
    case 'log_uniform':
      return clampTo(rangeLimits(d, min, max), roundDraw(Math.exp(min + u * (max - min))));
    case 'q_log_uniform': {
      const { lo, hi } = rangeLimits(d, min, max);
      return quantizeInside(Math.exp(min + u * (max - min)), lo, hi, q ?? DEFAULT_Q);
    }
    case 'q_log_uniform_values':
      return quantizeInside(Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))), min, max, q ?? DEFAULT_Q);
    case 'inv_log_uniform':
      // W&B's ppf: exp(-(min + (1 - u) (max - min))), so log(1/X) is uniform on [min, max].
      return clampTo(rangeLimits(d, min, max), roundDraw(Math.exp(-(min + (1 - u) * (max - min)))));
    case 'inv_log_uniform_values': {
      // The same with min, max as values: log(1/X) uniform on [-log(max), -log(min)].
      const a = -Math.log(max);
      const b = -Math.log(min);
      return clamp(roundDraw(Math.exp(-(a + (1 - u) * (b - a)))));
    }
  }
}

function clampTo(limits: { lo: number; hi: number }, v: number): number {
  return Math.min(limits.hi, Math.max(limits.lo, v));
}

/**
 * The multiple of q nearest x, among those inside [lo, hi] (the caller checks one exists),
 * clamped to [lo, hi] against the tolerance of qBounds.
 */
function quantizeInside(x: number, lo: number, hi: number, q: number): number {
  const b = qBounds(lo, hi, q);
  return Math.min(hi, Math.max(lo, qValue(Math.min(b.hi, Math.max(b.lo, Math.round(x / q))), q)));
}

/**
 * The points a grid takes from int_uniform (every integer min..max) or q_uniform (min,
 * min + q, ... below max: max itself is excluded, as W&B's grid does with
 * numpy.arange(min, max, q)). The step count tolerates float error, so 0.1..0.5 by 0.1 is
 * 0.1, 0.2, 0.3, 0.4 (arange can yield a stray fifth point there).
 */
export function gridRangePoints(d: (typeof GRID_RANGE_DISTRIBUTIONS)[number], min: number, max: number, q: number | undefined): number[] {
  if (d === 'int_uniform') return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const step = q ?? DEFAULT_Q;
  return Array.from({ length: gridRangeCount(d, min, max, step) }, (_, k) => gridPoint(min, step, k));
}

/** The k-th q_uniform grid point. */
export function gridPoint(min: number, q: number, k: number): number {
  return roundDraw(min + k * q);
}

/** How many points gridRangePoints gives, without building them. */
export function gridRangeCount(d: (typeof GRID_RANGE_DISTRIBUTIONS)[number], min: number, max: number, q: number | undefined): number {
  if (d === 'int_uniform') return max - min + 1;
  return Math.max(0, Math.ceil((max - min) / (q ?? DEFAULT_Q) - 1e-9));
}
