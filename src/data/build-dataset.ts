import { DataError } from '../errors.js';
import type { DataSpec } from '../config/types.js';
import type { Dataset } from '../core/dataset.js';
import { generateData } from './generate-data.js';
import { readTable } from './read-table.js';
import { selectColumns } from './select-columns.js';
import { shuffledOrder, shuffleRows } from './shuffle-rows.js';
import { assignClasses } from './assign-classes.js';
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
  const labelColumn = spec.labels === true && Array.isArray(spec.target) && spec.target.length === 1 ? spec.target[0] : undefined;
  if (spec.generate !== undefined) {
    const g = spec.generate;
    const values = shared ? sharedFloat32(g.rows * g.cols) : new Float32Array(g.rows * g.cols);
    generateData(g, values);
    const table: Table = { rows: g.rows, cols: g.cols, values, columnNames: defaultColumnNames(g.cols) };
    return { table, source: `generated ${g.distribution} data` };
  }
  if (spec.path !== undefined) {
    const table = readTable(spec.path, { labelColumn });
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
  const roles = selectColumns(spec.target, table.columnNames, source);
  let classes: string[] | undefined;
  if (spec.labels === true) {
    if (roles.autoencoder || roles.targetCols.length !== 1) {
      throw new DataError(`${source}: classification needs exactly one target column (the class labels)`, 'E_DATA_TARGET');
    }
    const labels = table.labels ?? Array.from({ length: table.rows }, (_, r) => String(table.values[r * table.cols + roles.targetCols[0]]));
    // Classes are assigned after the shuffle, so the unseen-class check sees the final split.
    const order = spec.shuffle !== undefined ? shuffledOrder(table.rows, spec.shuffle) : null;
    const ordered = order === null ? labels : Array.from(order, (r) => labels[r]);
    const assigned = assignClasses(ordered, trainRowCount(table.rows, spec.validation_split), source, spec.classes);
    classes = assigned.classes;
    if (order !== null) shuffleRows(table.values, table.rows, table.cols, spec.shuffle!);
    for (let r = 0; r < table.rows; r++) table.values[r * table.cols + roles.targetCols[0]] = assigned.index[r];
  } else if (spec.shuffle !== undefined) {
    shuffleRows(table.values, table.rows, table.cols, spec.shuffle);
  }
  const split = spec.validation_split;
  if (!(split >= 0 && split < 1)) {
    throw new DataError(`${source}: validation_split must be in [0, 1), got ${split}`, 'E_DATA_SPEC');
  }
  const trainRows = trainRowCount(table.rows, split);
  if (trainRows < 1) {
    throw new DataError(`${source}: ${table.rows} rows with validation_split ${split} leave no training rows`, 'E_DATA_SPEC');
  }
  const inputShape = inputShapeOf(spec, table, roles.inputCols.length, source);
  return {
    rows: table.rows,
    cols: table.cols,
    values: table.values,
    columnNames: table.columnNames,
    inputCols: roles.inputCols,
    targetCols: roles.targetCols,
    trainRows,
    autoencoder: roles.autoencoder,
    ...(classes ? { classes } : {}),
    ...(inputShape ? { inputShape } : {}),
  };
}

/**
 * The shape the model sees each row's inputs in: data.input_shape when given (its product
 * must be the input column count), else the rows' own shape when a .npy file has one and
 * every column is an input (an autoencoder); undefined for flat rows.
 */
function inputShapeOf(spec: DataSpec, table: Table, nIn: number, source: string): number[] | undefined {
  const shape = spec.input_shape ?? (nIn === table.cols ? table.rowShape : undefined);
  if (spec.input_shape === undefined && table.rowShape !== undefined && nIn !== table.cols) {
    throw new DataError(
      `${source}: its rows have shape (${table.rowShape.join(', ')}), but the targets take ${table.cols - nIn} of their ${table.cols} values: ` +
        `give data.input_shape for the ${nIn} input columns left, or a 2-D file`,
      'E_DATA_SHAPE',
    );
  }
  if (shape === undefined) return undefined;
  const product = shape.reduce((a, b) => a * b, 1);
  if (product !== nIn) {
    const targets = table.cols - nIn;
    throw new DataError(
      `input_shape [${shape.join(', ')}] holds ${product} values per row, but the data has ${nIn} input column${nIn === 1 ? '' : 's'}` +
        (targets > 0 ? ` (${table.cols} columns less ${targets} target${targets === 1 ? '' : 's'})` : ''),
      'E_DATA_SHAPE',
    );
  }
  return [...shape];
}
