import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DataError } from '../errors.js';
import { parseCsv } from './read-csv.js';
import { parseJsonTable } from './read-json.js';
import { parseNpy } from './read-npy.js';
import { labelIndex, type ReadOptions, type Table } from './table.js';

export const DATA_EXTENSIONS = ['.csv', '.npy', '.json'] as const;

/** Reads a data file, choosing the reader by its extension. */
export function readTable(path: string, options: ReadOptions = {}): Table {
  const ext = extname(path).toLowerCase();
  if (!(DATA_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new DataError(`${path}: unsupported data file type "${ext}" (use ${DATA_EXTENSIONS.join(', ')})`, 'E_DATA_FORMAT');
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new DataError(`${path}: cannot read the data file: ${(e as Error).message}`, 'E_DATA_READ', { cause: e });
  }
  if (ext === '.npy') return withNumericLabels(parseNpy(bytes, path), options);
  const text = bytes.toString('utf8');
  return ext === '.csv' ? parseCsv(text, path, options) : parseJsonTable(text, path, options);
}

/** .npy labels are numbers: their text is the number's (integers: `3`). */
function withNumericLabels(table: Table, options: ReadOptions): Table {
  const c = labelIndex(options.labelColumn, table.columnNames);
  if (c < 0) return table;
  const labels = Array.from({ length: table.rows }, (_, r) => String(table.values[r * table.cols + c]));
  return { ...table, labels };
}
