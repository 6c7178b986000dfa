import { DataError } from '../errors.js';
import type { DataSpec } from '../config/types.js';
import type { Dataset } from '../core/dataset.js';
import { generateData } from './generate-data.js';
import { readTable } from './read-table.js';
import { selectColumns } from './select-columns.js';
import { shuffleRows } from './shuffle-rows.js';
import { sharedFloat32 } from './shared-dataset.js';
import { defaultColumnNames, type Table } from './table.js';

export interface BuildDatasetOptions {
  /** Put the values in a SharedArrayBuffer so pool workers can read them without a copy. */
  shared?: boolean;
}

/**
 * Keras's validation_split: the first floor(rows * (1 - split)) rows train, the rest
 * validate, with no shuffle before the split (the same expression Keras evaluates).
 * `data.shuffle` permutes the rows (shuffle-rows.ts) before this split.
 */
export function trainRowCount(rows: number, validationSplit: number): number {
  return Math.floor(rows * (1 - validationSplit));
}

function loadTable(spec: DataSpec, shared: boolean): { table: Table; source: string } {
  if (spec.generate !== undefined) {
    const g = spec.generate;
    const values = shared ? sharedFloat32(g.rows * g.cols) : new Float32Array(g.rows * g.cols);
    generateData(g, values);
    return { table: { rows: g.rows, cols: g.cols, values, columnNames: defaultColumnNames(g.cols) }, source: `generated ${g.distribution} data` };
  }
  if (spec.path !== undefined) {
    const table = readTable(spec.path);
    if (shared) {
      const values = sharedFloat32(table.values.length);
      values.set(table.values);
      table.values = values;
    }
    return { table, source: spec.path };
  }
  throw new DataError('data: neither generate nor path is given', 'E_DATA_SPEC');
}

/** Builds the dataset a sweep's trials train on: generated or read, columns assigned, split. */
export function buildDataset(spec: DataSpec, options: BuildDatasetOptions = {}): Dataset {
  const { table, source } = loadTable(spec, options.shared === true);
  if (spec.shuffle !== undefined) shuffleRows(table.values, table.rows, table.cols, spec.shuffle);
  const roles = selectColumns(spec.target, table.columnNames, source);
  const split = spec.validation_split;
  if (!(split >= 0 && split < 1)) {
    throw new DataError(`${source}: validation_split must be in [0, 1), got ${split}`, 'E_DATA_SPEC');
  }
  const trainRows = trainRowCount(table.rows, split);
  if (trainRows < 1) {
    throw new DataError(`${source}: ${table.rows} rows with validation_split ${split} leave no training rows`, 'E_DATA_SPEC');
  }
  return {
    rows: table.rows,
    cols: table.cols,
    values: table.values,
    columnNames: table.columnNames,
    inputCols: roles.inputCols,
    targetCols: roles.targetCols,
    trainRows,
    autoencoder: roles.autoencoder,
  };
}
