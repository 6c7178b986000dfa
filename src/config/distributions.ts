/**
 * The distributions a parameter may be drawn from (W&B names), and the one formula that
 * turns a uniform variate into a draw. The planner samples with it and the validator
 * probes with it, so what is checked is exactly what can be drawn.
 */
export const DISTRIBUTIONS = ['uniform', 'log_uniform_values', 'int_uniform', 'q_uniform', 'categorical'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** Distributions over a numeric range [min, max]: never expandable by a grid. */
export const RANGE_DISTRIBUTIONS = ['uniform', 'log_uniform_values', 'int_uniform', 'q_uniform'] as const;
export type RangeDistribution = (typeof RANGE_DISTRIBUTIONS)[number];

export function isRangeDistribution(d: unknown): d is RangeDistribution {
  return (RANGE_DISTRIBUTIONS as readonly unknown[]).includes(d);
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
 * The draw for uniform variate `u` in [0, 1). Always inside [min, max]. int_uniform gives
 * integers min..max inclusive; q_uniform the multiple of q nearest a uniform draw.
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
    case 'q_uniform': {
      const step = q as number;
      const { lo, hi } = qBounds(min, max, step);
      const k = Math.min(hi, Math.max(lo, Math.round((min + u * (max - min)) / step)));
      return clamp(qValue(k, step));
    }
  }
}
