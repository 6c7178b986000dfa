import { DataError } from '../errors.js';

/** A numeric table as read from a file: row-major float32 values and one name per column. */
export interface Table {
  rows: number;
  cols: number;
  values: Float32Array;
  columnNames: string[];
  /**
   * The label column's cells as text, one per row, when the reader was asked for one
   * (ReadOptions.labelColumn); that column's `values` are 0 until classes are assigned.
   */
  labels?: string[];
  /**
   * The shape of each row when the file gives one beyond a flat list of columns (a .npy
   * array of more than two dimensions: every axis after the first); `cols` is its product,
   * the row's values in C order.
   */
  rowShape?: number[];
}

/** What a reader needs to know besides the bytes. */
export interface ReadOptions {
  /** A column of class labels (name or 0-based index): its cells may be text. */
  labelColumn?: string | number;
}

/** The 0-based index of `labelColumn` among `columnNames`, or -1 (left for selectColumns to report). */
export function labelIndex(labelColumn: string | number | undefined, columnNames: readonly string[]): number {
  if (labelColumn === undefined) return -1;
  if (typeof labelColumn === 'number') return Number.isInteger(labelColumn) && labelColumn < columnNames.length ? labelColumn : -1;
  return columnNames.indexOf(labelColumn);
}

/** Column names for formats without a header: c0, c1, ... (0-based, like target indices). */
export function defaultColumnNames(cols: number): string[] {
  return Array.from({ length: cols }, (_, i) => `c${i}`);
}

/**
 * Refuses a NaN or infinite value, naming its 0-based row and column.
 * Readers call this on every value they store, so a Dataset never holds a non-finite number.
 */
export function checkFiniteValues(file: string, values: Float32Array | Float64Array, cols: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      const row = Math.floor(i / cols);
      throw new DataError(`${file}: row ${row}, column ${i - row * cols}: value is ${v} (every value must be a finite number)`, 'E_DATA_VALUE');
    }
  }
}
