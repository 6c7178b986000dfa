import { fitMatrix, normalizeMatrix, rowStats, type Affine } from '../data/normalization.js';
import type { Normalization } from '../config/types.js';
import { regression } from '../tasks/regression.js';
import type { Task } from '../tasks/task.js';
import type { Dataset, NormalizationStats } from './types.js';

/** A trial's view of the dataset: inputs and targets split out and normalized. Plain JS, no tensors. */
export interface TrialData {
  rows: number;
  trainRows: number;
  valRows: number;
  nIn: number;
  nOut: number;
  /** The shape the model sees each row's nIn inputs in (the dataset's), or undefined for flat rows. */
  inputShape?: number[];
  autoencoder: boolean;
  /** Normalized inputs, rows x nIn, row-major. */
  x: Float32Array;
  /** Targets as encoded by the task (normalized), rows x nOut; the very same array as `x` for an autoencoder. */
  y: Float32Array;
  /** Targets in original units, rows x truthCols (the metrics' ground truth; a classifier's class indices). */
  yOrig: Float32Array;
  /** Columns of yOrig: the target column count (nOut, except for a classifier, whose nOut is its output width). */
  truthCols: number;
  stats: NormalizationStats;
  /** The task's map from encoded targets (and predictions) back to original units. */
  targetAffine: Affine;
}

/** The given columns of every row, row-major; the dataset's own array when that is all of them in order. */
export function extractColumns(ds: Dataset, cols: number[]): Float32Array {
  if (cols.length === ds.cols && cols.every((c, i) => c === i)) return ds.values;
  const out = new Float32Array(ds.rows * cols.length);
  for (let r = 0; r < ds.rows; r++) {
    const src = r * ds.cols;
    const dst = r * cols.length;
    for (let k = 0; k < cols.length; k++) out[dst + k] = ds.values[src + cols[k]];
  }
  return out;
}

/**
 * Splits the dataset for one trial and encodes it: the inputs normalized here, the targets
 * by the task (tasks/); stats come from the training rows only. The task defaults to
 * regression, the only one, for callers without a trial (tests, benches).
 */
export function prepareTrialData(ds: Dataset, kind: Normalization, task: Task = regression): TrialData {
  const nIn = ds.inputCols.length;
  const truthCols = ds.targetCols.length;
  const xOrig = extractColumns(ds, ds.inputCols);
  const yOrig = ds.autoencoder ? xOrig : extractColumns(ds, ds.targetCols);
  // Shaped inputs are normalized per channel (the shape's last axis), flat ones per column.
  const channels = ds.inputShape !== undefined ? ds.inputShape[ds.inputShape.length - 1] : nIn;
  let inputAffine: Affine = fitMatrix(kind, xOrig, nIn, ds.trainRows, channels);
  if (kind === 'sample') {
    const { shift, scale } = rowStats(xOrig, nIn, ds.rows);
    inputAffine = { shift: [], scale: [], rowShift: shift, rowScale: scale };
  }
  const x = kind === 'none' ? xOrig : normalizeMatrix(xOrig, nIn, ds.rows, inputAffine);
  const targets = task.encodeTargets(
    kind,
    { values: yOrig, cols: truthCols, rows: ds.rows, trainRows: ds.trainRows, autoencoder: ds.autoencoder },
    { values: x, affine: inputAffine },
  );
  const nOut = targets.cols ?? truthCols;
  const stats: NormalizationStats = {
    kind, inputShift: inputAffine.shift, inputScale: inputAffine.scale, targetShift: targets.affine.shift, targetScale: targets.affine.scale,
  };
  return {
    rows: ds.rows,
    trainRows: ds.trainRows,
    valRows: ds.rows - ds.trainRows,
    nIn, nOut,
    ...(ds.inputShape !== undefined ? { inputShape: [...ds.inputShape] } : {}),
    autoencoder: ds.autoencoder,
    x, y: targets.values, yOrig, truthCols, stats, targetAffine: targets.affine,
  };
}
