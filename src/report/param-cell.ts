import { formatParamValue } from '../config/format-param.js';
import type { ParamValue } from '../config/types.js';
import type { Cell } from './row-output.js';

/**
 * A parameter value as a data cell, the way the `results` view shows it: numbers,
 * strings and booleans keep their type (a boolean as 1/0, as SQLite stores it); an
 * object, a list or null becomes its compact text (`l1=1e-05`, `[8,4]`, `none`).
 */
export function paramCell(v: ParamValue | undefined): Cell {
  if (v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return formatParamValue(v);
}

/** The column of a parameter in exported rows: its `results` view name when known. */
export function paramColumn(columns: ReadonlyMap<string, string>, name: string): string {
  return columns.get(name) ?? name;
}
