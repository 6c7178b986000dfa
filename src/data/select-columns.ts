import { DataError } from '../errors.js';
import type { DataSpec } from '../config/types.js';

export interface ColumnRoles {
  inputCols: number[];
  targetCols: number[];
  autoencoder: boolean;
}

/**
 * Resolves `target` against the column names: `input` makes every column both input and
 * target (autoencoder); a list names the target columns (by name, or 0-based index) and
 * every other column is an input.
 */
export function selectColumns(target: DataSpec['target'], columnNames: string[], source: string): ColumnRoles {
  const all = columnNames.map((_, i) => i);
  if (target === 'input') return { inputCols: all, targetCols: all, autoencoder: true };
  const shown = columnNames.length > 12 ? `${columnNames.slice(0, 12).join(', ')}, ... (${columnNames.length} columns)` : columnNames.join(', ');
  const targetCols = target.map((t) => {
    const i = typeof t === 'number' ? t : columnNames.indexOf(t);
    if (typeof t === 'number' && (!Number.isInteger(t) || t < 0 || t >= columnNames.length)) {
      throw new DataError(`${source}: target column index ${t} is out of range (0 to ${columnNames.length - 1})`, 'E_DATA_TARGET');
    }
    if (i < 0) throw new DataError(`${source}: no column named ${JSON.stringify(t)} (columns: ${shown})`, 'E_DATA_TARGET');
    return i;
  });
  if (targetCols.length === 0) throw new DataError(`${source}: target lists no columns`, 'E_DATA_TARGET');
  const dup = targetCols.find((c, k) => targetCols.indexOf(c) !== k);
  if (dup !== undefined) throw new DataError(`${source}: target names column ${JSON.stringify(columnNames[dup])} twice`, 'E_DATA_TARGET');
  const inputCols = all.filter((c) => !targetCols.includes(c));
  if (inputCols.length === 0) throw new DataError(`${source}: every column is a target, none is left as input`, 'E_DATA_TARGET');
  return { inputCols, targetCols, autoencoder: false };
}
