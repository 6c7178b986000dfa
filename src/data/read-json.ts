import { DataError } from '../errors.js';
import { defaultColumnNames, labelIndex, type ReadOptions, type Table } from './table.js';

/**
 * Reads a JSON array of equal-length arrays of numbers (one inner array per row).
 * Columns are named c0, c1, ... Errors name the 0-based row and column.
 */
export function parseJsonTable(text: string, file: string, options: ReadOptions = {}): Table {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${file}: not valid JSON: ${(e as Error).message}`, 'E_DATA_FORMAT', { cause: e });
  }
  if (!Array.isArray(doc) || doc.length === 0) {
    throw new DataError(`${file}: expected a non-empty array of rows (arrays of numbers)`, 'E_DATA_FORMAT');
  }
  const first = doc[0];
  if (!Array.isArray(first) || first.length === 0) {
    throw new DataError(`${file}: row 0 is not a non-empty array of numbers`, 'E_DATA_FORMAT');
  }
  const rows = doc.length;
  const cols = first.length;
  const values = new Float32Array(rows * cols);
  const labelCol = labelIndex(options.labelColumn, defaultColumnNames(cols));
  const labels: string[] | undefined = labelCol >= 0 ? [] : undefined;
  for (let r = 0; r < rows; r++) {
    const row: unknown = doc[r];
    if (!Array.isArray(row)) throw new DataError(`${file}: row ${r} is not an array`, 'E_DATA_FORMAT');
    if (row.length !== cols) {
      throw new DataError(`${file}: row ${r} has ${row.length} values, row 0 has ${cols}`, 'E_DATA_RAGGED');
    }
    for (let c = 0; c < cols; c++) {
      const v: unknown = row[c];
      if (c === labelCol) {
        if ((typeof v !== 'string' || v.trim() === '') && !(typeof v === 'number' && Number.isFinite(v))) {
          throw new DataError(`${file}: row ${r}, label column ${c} is ${v === '' ? 'empty' : `not a label (a string or a number): ${JSON.stringify(v)}`}`, 'E_DATA_LABEL');
        }
        labels!.push(typeof v === 'string' ? v.trim() : String(v));
        continue;
      }
      if (typeof v !== 'number') {
        throw new DataError(`${file}: row ${r}, column ${c} is not a number: ${JSON.stringify(v)}`, 'E_DATA_VALUE');
      }
      const f = Math.fround(v);
      if (!Number.isFinite(f)) {
        throw new DataError(`${file}: row ${r}, column ${c}: value is ${v}, beyond float32 range`, 'E_DATA_VALUE');
      }
      values[r * cols + c] = f;
    }
  }
  return { rows, cols, values, columnNames: defaultColumnNames(cols), ...(labels ? { labels } : {}) };
}
