import type { Normalization } from '../spec/types.js';
import { fitNormalization, normalizeMatrix, rowStats, type Affine } from './normalization.js';
import type { Dataset, NormalizationStats } from './types.js';

/** A trial's view of the dataset: inputs and targets split out and normalized. Plain JS, no tensors. */
export interface TrialData {
  rows: number;
  trainRows: number;
  valRows: number;
  nIn: number;
  nOut: number;
  autoencoder: boolean;
  /** Normalized inputs, rows x nIn, row-major. */
  x: Float32Array;
  /** Normalized targets, rows x nOut; the very same array as `x` for an autoencoder. */
  y: Float32Array;
  /** Targets in original units, rows x nOut (the metrics' ground truth). */
  yOrig: Float32Array;
  stats: NormalizationStats;
  /** Maps normalized targets (and predictions) back to original units. */
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

/** Splits and normalizes the dataset for one trial; the stats come from the training rows only. */
export function prepareTrialData(ds: Dataset, kind: Normalization): TrialData {
  const nIn = ds.inputCols.length;
  const nOut = ds.targetCols.length;
  const xOrig = extractColumns(ds, ds.inputCols);
  const yOrig = ds.autoencoder ? xOrig : extractColumns(ds, ds.targetCols);
  const stats = fitNormalization(kind, xOrig, nIn, yOrig, nOut, ds.trainRows);
  let inputAffine: Affine = { shift: stats.inputShift, scale: stats.inputScale };
  let targetAffine: Affine = { shift: stats.targetShift, scale: stats.targetScale };
  if (kind === 'sample') {
    const { shift, scale } = rowStats(xOrig, nIn, ds.rows);
    inputAffine = { shift: [], scale: [], rowShift: shift, rowScale: scale };
    targetAffine = inputAffine;
  }
  const x = kind === 'none' ? xOrig : normalizeMatrix(xOrig, nIn, ds.rows, inputAffine);
  let y = x;
  if (!ds.autoencoder) y = kind === 'none' ? yOrig : normalizeMatrix(yOrig, nOut, ds.rows, targetAffine);
  return {
    rows: ds.rows,
    trainRows: ds.trainRows,
    valRows: ds.rows - ds.trainRows,
    nIn, nOut,
    autoencoder: ds.autoencoder,
    x, y, yOrig, stats, targetAffine,
  };
}
