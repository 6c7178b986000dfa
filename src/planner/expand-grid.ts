import type { ParameterSpec, ParamValue } from '../config/types.js';

/** One trial's parameter values as drawn from the spec, before defaults. */
export type Assignment = Record<string, ParamValue>;

/** The points a parameter contributes to a grid; range distributions have none. */
export function gridPoints(p: ParameterSpec): ParamValue[] {
  switch (p.kind) {
    case 'value':
      return [p.value];
    case 'values':
    case 'categorical':
      return p.values;
    case 'distribution':
      throw new Error(`a grid cannot expand a ${p.distribution} distribution (the loader refuses such specs)`);
  }
}

/** Size of the full cartesian product, before any cap. */
export function gridSize(parameters: Readonly<Record<string, ParameterSpec>>): number {
  return Object.values(parameters).reduce((n, p) => n * gridPoints(p).length, 1);
}

/**
 * The cartesian product of the parameters, names sorted; the last name varies fastest
 * (like nested loops in name order), values in the order the spec lists them. With
 * `cap`, only the first `cap` points are produced (the rest are never built).
 */
export function expandGrid(parameters: Readonly<Record<string, ParameterSpec>>, cap?: number): Assignment[] {
  const names = Object.keys(parameters).sort();
  const axes = names.map((n) => gridPoints(parameters[n]));
  const total = axes.reduce((n, a) => n * a.length, 1);
  const count = Math.min(total, cap ?? Infinity);
  const out: Assignment[] = [];
  for (let i = 0; i < count; i++) {
    const a: Assignment = {};
    let rest = i;
    for (let j = names.length - 1; j >= 0; j--) {
      const axis = axes[j];
      a[names[j]] = axis[rest % axis.length];
      rest = Math.floor(rest / axis.length);
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
