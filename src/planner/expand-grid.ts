import { gridPoint, gridRangeCount } from '../config/distributions.js';
import type { ParameterSpec, ParamValue } from '../config/types.js';

/** One trial's parameter values as drawn from the spec, before defaults. */
export type Assignment = Record<string, ParamValue>;

/**
 * The points a parameter contributes to a grid, as a count and a lookup, so that a long
 * int_uniform axis under run_cap is never built whole. int_uniform gives every integer
 * min..max, q_uniform min, min + q, ... below max (W&B's grid); other distributions have none.
 */
export interface GridAxis {
  count: number;
  at(k: number): ParamValue;
}

export function gridAxis(p: ParameterSpec): GridAxis {
  switch (p.kind) {
    case 'value':
      return { count: 1, at: () => p.value };
    case 'values':
    case 'categorical':
      return { count: p.values.length, at: (k) => p.values[k] };
    case 'distribution':
      if (p.distribution === 'int_uniform') return { count: p.max - p.min + 1, at: (k) => p.min + k };
      if (p.distribution === 'q_uniform') {
        const q = p.q ?? 1;
        return { count: gridRangeCount('q_uniform', p.min, p.max, q), at: (k) => gridPoint(p.min, q, k) };
      }
      break;
    case 'normal':
      break;
  }
  throw new Error(`a grid cannot expand a ${p.distribution} distribution (the loader refuses such specs)`);
}

/** Every point of one parameter's axis. */
export function gridPoints(p: ParameterSpec): ParamValue[] {
  const axis = gridAxis(p);
  return Array.from({ length: axis.count }, (_, k) => axis.at(k));
}

/** Size of the full cartesian product, before any cap. */
export function gridSize(parameters: Readonly<Record<string, ParameterSpec>>): number {
  return Object.values(parameters).reduce((n, p) => n * gridAxis(p).count, 1);
}

/**
 * The cartesian product of the parameters, names sorted; the last name varies fastest
 * (like nested loops in name order), values in the order the spec lists them. With
 * `cap`, only the first `cap` points are produced (the rest are never built).
 */
export function expandGrid(parameters: Readonly<Record<string, ParameterSpec>>, cap?: number): Assignment[] {
  const names = Object.keys(parameters).sort();
  const axes = names.map((n) => gridAxis(parameters[n]));
  const total = axes.reduce((n, a) => n * a.count, 1);
  const count = Math.min(total, cap ?? Infinity);
  const out: Assignment[] = [];
  for (let i = 0; i < count; i++) {
    const a: Assignment = {};
    let rest = i;
    for (let j = names.length - 1; j >= 0; j--) {
      const axis = axes[j];
      a[names[j]] = axis.at(rest % axis.count);
      rest = Math.floor(rest / axis.count);
    }
    out.push(sortAssignment(a));
  }
  return out;
}

export function sortAssignment(a: Assignment): Assignment {
  const out: Assignment = {};
  for (const k of Object.keys(a).sort()) out[k] = a[k];
  return out;
}
