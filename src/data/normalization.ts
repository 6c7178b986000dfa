import type { Normalization } from '../config/types.js';
import type { NormalizationStats } from '../core/results.js';

/**
 * Normalization is part of the model's data path: inputs and targets are normalized
 * before the network, and predictions are mapped back after it, so every metric and
 * prediction is in the data's original units. This file is the arithmetic; the trainer
 * applies it to the inputs (train/trial-data.ts) and the regression task to the targets
 * (tasks/regression-targets.ts).
 *
 * How the stats are applied (also the contract for exporting a model):
 *   normalized = (value - shift) / scale      undone as   value = normalized * scale + shift
 * - none:    shift 0, scale 1 (empty arrays).
 * - feature: per column, mean and population std of the TRAINING rows.
 * - minmax:  per column, shift = min, scale = max - min over the TRAINING rows (to [0, 1]).
 *            Shaped inputs (data.input_shape [8, 8, 3]): feature and minmax are per channel,
 *            the last axis, over every position of the training rows; the stats are still
 *            stored per column (each column gets its channel's), so applying them is unchanged.
 * - global:  one mean and population std over every TRAINING value (arrays of length 1).
 * - sample:  per row, computed at prediction time: shift = the row's mean, scale = the
 *            population std of the row's INPUT values; the row's targets are normalized
 *            and restored with those same two numbers (arrays empty).
 * A scale of 0 (constant column, row or data) is replaced by 1, so nothing becomes NaN.
 * Input stats are stored as inputShift/inputScale, target stats as targetShift/targetScale
 * (equal to the input stats for an autoencoder).
 */

/** Population mean and std of `count` values read through `at(k)`; std 0 becomes 1. */
function meanScale(count: number, at: (k: number) => number): [number, number] {
  let sum = 0;
  for (let k = 0; k < count; k++) sum += at(k);
  const mean = count > 0 ? sum / count : 0;
  let ss = 0;
  for (let k = 0; k < count; k++) {
    const d = at(k) - mean;
    ss += d * d;
  }
  const std = count > 0 ? Math.sqrt(ss / count) : 0;
  return [mean, std > 0 ? std : 1];
}

/**
 * Stats of a rows x cols matrix over its first `fitRows` rows (empty for none and sample).
 * `channels` (a divisor of cols; default cols): feature and minmax pool every column c with
 * the same c % channels, the channel of a row laid out as [..., channels]; each column's
 * entry is its channel's stats. With channels = cols that is per column, as before.
 */
export function fitMatrix(kind: Normalization, m: Float32Array, cols: number, fitRows: number, channels = cols): { shift: number[]; scale: number[] } {
  if (kind === 'none' || kind === 'sample') return { shift: [], scale: [] };
  if (kind === 'global') {
    const [mean, scale] = meanScale(fitRows * cols, (k) => m[k]);
    return { shift: [mean], scale: [scale] };
  }
  if (!(Number.isInteger(channels) && channels >= 1 && cols % channels === 0)) {
    throw new Error(`fitMatrix: ${channels} channels do not divide ${cols} columns`);
  }
  const positions = cols / channels;
  // The k-th value of channel c over the fitted rows: row k / positions, position k % positions.
  const at = (c: number) => (k: number) => m[Math.floor(k / positions) * cols + (k % positions) * channels + c];
  const count = fitRows * positions;
  const shift: number[] = [];
  const scale: number[] = [];
  for (let c = 0; c < channels; c++) {
    const value = at(c);
    if (kind === 'feature') {
      const [mean, s] = meanScale(count, value);
      shift.push(mean);
      scale.push(s);
    } else {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < count; k++) {
        const v = value(k);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      shift.push(lo);
      scale.push(hi > lo ? hi - lo : 1);
    }
  }
  if (channels === cols) return { shift, scale };
  return { shift: Array.from({ length: cols }, (_, k) => shift[k % channels]), scale: Array.from({ length: cols }, (_, k) => scale[k % channels]) };
}

/**
 * Fits both sides' stats on the training rows (the first `trainRows` rows) only, as a
 * trial saves them: the inputs' own, and the targets' by the regression task's rule
 * (tasks/regression-targets.ts: an autoencoder's targets share the inputs' stats).
 */
export function fitNormalization(
  kind: Normalization, x: Float32Array, nIn: number, y: Float32Array, nOut: number, trainRows: number,
): NormalizationStats {
  const input = fitMatrix(kind, x, nIn, trainRows);
  const target = y === x ? input : fitMatrix(kind, y, nOut, trainRows);
  return { kind, inputShift: input.shift, inputScale: input.scale, targetShift: target.shift, targetScale: target.scale };
}

/** Per-row shift and scale of the sample normalization: each row's input mean and std. */
export function rowStats(x: Float32Array, nIn: number, rows: number): { shift: Float64Array; scale: Float64Array } {
  const shift = new Float64Array(rows);
  const scale = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const base = r * nIn;
    [shift[r], scale[r]] = meanScale(nIn, (k) => x[base + k]);
  }
  return { shift, scale };
}

/**
 * How to map one matrix to and from normalized space. `rowShift/rowScale` are set for
 * the sample kind (indexed by absolute row); `shift/scale` per column otherwise (length 1 = global).
 */
export interface Affine {
  shift: number[];
  scale: number[];
  rowShift?: Float64Array;
  rowScale?: Float64Array;
}

/** Per-column shift and scale expanded to `cols` entries (identity when there are none). */
function columnAffine(a: Affine, cols: number): { shift: Float64Array; scale: Float64Array } {
  const shift = new Float64Array(cols);
  const scale = new Float64Array(cols).fill(1);
  if (a.shift.length > 0) {
    for (let c = 0; c < cols; c++) {
      const k = a.shift.length === 1 ? 0 : c;
      shift[c] = a.shift[k];
      scale[c] = a.scale[k];
    }
  }
  return { shift, scale };
}

/** Normalizes rows [0, rows) of a rows x cols matrix into a new float32 matrix (float64 arithmetic). */
export function normalizeMatrix(m: Float32Array, cols: number, rows: number, a: Affine): Float32Array {
  const out = new Float32Array(rows * cols);
  const { shift, scale } = columnAffine(a, cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (a.rowShift !== undefined && a.rowScale !== undefined) {
      const s = a.rowShift[r];
      const k = a.rowScale[r];
      for (let c = 0; c < cols; c++) out[base + c] = (m[base + c] - s) / k;
    } else {
      for (let c = 0; c < cols; c++) out[base + c] = (m[base + c] - shift[c]) / scale[c];
    }
  }
  return out;
}

/**
 * Maps a block of normalized rows (starting at absolute row `firstRow`) back to original
 * units, in float64.
 */
export function denormalizeRows(norm: Float32Array, cols: number, firstRow: number, a: Affine, out?: Float64Array): Float64Array {
  const rows = norm.length / cols;
  const res = out ?? new Float64Array(norm.length);
  const { shift, scale } = columnAffine(a, cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    if (a.rowShift !== undefined && a.rowScale !== undefined) {
      const s = a.rowShift[firstRow + r];
      const k = a.rowScale[firstRow + r];
      for (let c = 0; c < cols; c++) res[base + c] = norm[base + c] * k + s;
    } else {
      for (let c = 0; c < cols; c++) res[base + c] = norm[base + c] * scale[c] + shift[c];
    }
  }
  return res;
}

export function isIdentityAffine(a: Affine): boolean {
  return a.rowShift === undefined && a.shift.length === 0;
}
