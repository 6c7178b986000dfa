import { TpeError } from './tpe-error.js';

/**
 * One parameter's search domain, in the internal numeric form TPE works in:
 *   float        a real in [low, high]; `log` samples and models log(x) (low > 0);
 *                `step` puts values on the grid low + k*step (not with log, as Optuna).
 *   int          an integer in [low, high] on the grid low + k*step; `log` models log(x)
 *                (low >= 1, step 1, as Optuna).
 *   categorical  a choice index 0..choices-1; the caller keeps the choices themselves.
 * A stepped range whose high is off the grid ends at the last grid point below it.
 */
export type SearchDomain =
  | { kind: 'float'; low: number; high: number; log: boolean; step?: number }
  | { kind: 'int'; low: number; high: number; log: boolean; step: number }
  | { kind: 'categorical'; choices: number };

export type NumericDomain = Extract<SearchDomain, { kind: 'float' | 'int' }>;

/** The grid step of a numeric domain; 0 for a continuous float. */
export function stepOf(d: NumericDomain): number {
  return d.kind === 'int' ? d.step : d.step ?? 0;
}

/** Number of grid points above low (k of the last one); Infinity for a continuous float. */
function lastGridIndex(d: NumericDomain): number {
  const step = stepOf(d);
  if (step === 0) return Infinity;
  // The 1e-9 forgives (high - low) / step landing a hair below an integer, e.g. (1 - 0.1) / 0.1.
  return Math.floor((d.high - d.low) / step + 1e-9);
}

/** The largest value a domain can take: high, or the last grid point at or below it. */
export function domainHigh(d: NumericDomain): number {
  const k = lastGridIndex(d);
  return k === Infinity ? d.high : d.low + k * stepOf(d);
}

/** True when a domain has exactly one value (TPE has nothing to choose). */
export function isSingleValued(d: SearchDomain): boolean {
  return d.kind === 'categorical' ? d.choices === 1 : domainHigh(d) === d.low;
}

/**
 * Throws E_TPE_DOMAIN unless `d` is well formed: finite bounds with low <= high, a positive
 * (integer, for int) step, integer int bounds, low > 0 with log (low >= 1 and step 1 for an
 * int), no step with a log float, at least one categorical choice.
 */
export function checkDomain(name: string, d: SearchDomain): void {
  const bad = (why: string): never => {
    throw new TpeError('E_TPE_DOMAIN', `parameter '${name}': ${why}`);
  };
  if (d.kind === 'categorical') {
    if (!Number.isInteger(d.choices) || d.choices < 1) bad(`choices must be a positive integer, got ${d.choices}`);
    return;
  }
  if (d.kind !== 'float' && d.kind !== 'int') bad(`unknown kind '${(d as { kind: unknown }).kind}'`);
  if (!Number.isFinite(d.low) || !Number.isFinite(d.high)) bad(`bounds must be finite, got [${d.low}, ${d.high}]`);
  if (d.low > d.high) bad(`low ${d.low} is above high ${d.high}`);
  const step = stepOf(d);
  if (d.kind === 'int') {
    if (!Number.isInteger(d.low) || !Number.isInteger(d.high)) bad(`int bounds must be integers, got [${d.low}, ${d.high}]`);
    if (!Number.isInteger(step) || step < 1) bad(`int step must be a positive integer, got ${step}`);
    if (d.log && step !== 1) bad(`a log int takes step 1, got ${step}`);
    if (d.log && d.low < 1) bad(`a log int needs low >= 1, got ${d.low}`);
  } else {
    if (d.step !== undefined && !(Number.isFinite(d.step) && d.step > 0)) bad(`step must be a positive number, got ${d.step}`);
    if (d.log && d.step !== undefined) bad('a log float takes no step');
    if (d.log && d.low <= 0) bad(`a log float needs low > 0, got ${d.low}`);
  }
}

/**
 * The domain value nearest to x: clamped to the bounds and, for a stepped domain, rounded
 * to the grid (low + k*step exactly, so equal grid points are equal numbers).
 */
export function snapToDomain(d: NumericDomain, x: number): number {
  const step = stepOf(d);
  const high = domainHigh(d);
  if (step === 0) return Math.min(Math.max(x, d.low), high);
  const k = Math.min(Math.max(Math.round((x - d.low) / step), 0), lastGridIndex(d));
  return d.low + k * step;
}

/**
 * Whether an observed value can inform this domain: a finite number within the bounds (a
 * categorical index must be an integer below `choices`). A value outside (the domain
 * changed since the trial ran) is treated as missing for this parameter.
 */
export function isInDomain(d: SearchDomain, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  if (d.kind === 'categorical') return Number.isInteger(x) && x >= 0 && x < d.choices;
  const slack = 1e-9 * Math.max(1, Math.abs(d.low), Math.abs(d.high));
  return x >= d.low - slack && x <= domainHigh(d) + slack;
}
