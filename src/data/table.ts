import { DataError } from '../errors.js';

/** A numeric table as read from a file: row-major float32 values and one name per column. */
export interface Table {
  rows: number;
  cols: number;
  values: Float32Array;
  columnNames: string[];
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
