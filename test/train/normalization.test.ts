import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset } from '../../src/data/build-dataset.js';
import { NORMALIZATIONS } from '../../src/config/types.js';
import { denormalizeRows, fitNormalization } from '../../src/data/normalization.js';
import { prepareTrialData } from '../../src/train/trial-data.js';
import type { Dataset } from '../../src/train/types.js';

const SEED_DATA = buildDataset({ generate: { distribution: 'normal', mean: 1.1090579, std: 0.0012380764, rows: 500, cols: 84, seed: 7 }, target: 'input', validation_split: 0.3 });

function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30));
  return worst;
}

test('every normalization round-trips to the input within 1e-6 relative (seed-scale data)', () => {
  for (const kind of NORMALIZATIONS) {
    const d = prepareTrialData(SEED_DATA, kind);
    const back = denormalizeRows(d.y, d.nOut, 0, d.targetAffine);
    assert.ok(maxRelativeError(back, SEED_DATA.values) < 1e-6, `${kind}: ${maxRelativeError(back, SEED_DATA.values)}`);
  }
});

test('normalized values have the promised shape: sample rows, feature columns, minmax range, global', () => {
  const rows = SEED_DATA.rows;
  const n = 84;
  const sample = prepareTrialData(SEED_DATA, 'sample').x;
  for (const r of [0, 250, rows - 1]) {
    const row = sample.subarray(r * n, (r + 1) * n);
    const mean = row.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(row.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    assert.ok(Math.abs(mean) < 1e-5 && Math.abs(std - 1) < 1e-5, `row ${r}: ${mean} ${std}`);
  }
  const feature = prepareTrialData(SEED_DATA, 'feature');
  let colMean = 0;
  for (let r = 0; r < SEED_DATA.trainRows; r++) colMean += feature.x[r * n + 3];
  assert.ok(Math.abs(colMean / SEED_DATA.trainRows) < 1e-5, 'feature columns are centred on the training rows');
  const minmax = prepareTrialData(SEED_DATA, 'minmax').x;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < SEED_DATA.trainRows; r++) {
    lo = Math.min(lo, minmax[r * n + 5]);
    hi = Math.max(hi, minmax[r * n + 5]);
  }
  assert.ok(Math.abs(lo) < 1e-6 && Math.abs(hi - 1) < 1e-6);
  const global = prepareTrialData(SEED_DATA, 'global').stats;
  assert.equal(global.inputShift.length, 1);
  assert.ok(Math.abs(global.inputShift[0] - 1.1090579) < 1e-4);
});

test('stats come from the training rows only', () => {
  const values = new Float32Array([0, 2, 4, 1000]);
  const ds: Dataset = { rows: 4, cols: 1, values, columnNames: ['v'], inputCols: [0], targetCols: [0], trainRows: 3, autoencoder: true };
  const s = prepareTrialData(ds, 'feature').stats;
  assert.deepEqual(s.inputShift, [2]);
  assert.ok(Math.abs(s.inputScale[0] - Math.sqrt(8 / 3)) < 1e-12);
  const m = prepareTrialData(ds, 'minmax').stats;
  assert.deepEqual(m.inputShift, [0]);
  assert.deepEqual(m.inputScale, [4]);
});

test('a constant row, column or dataset never produces NaN, and still round-trips', () => {
  const values = new Float32Array([5, 1, 5, 2, 5, 3, 7, 7]);
  const ds: Dataset = { rows: 4, cols: 2, values, columnNames: ['a', 'b'], inputCols: [0, 1], targetCols: [0, 1], trainRows: 3, autoencoder: true };
  for (const kind of NORMALIZATIONS) {
    const d = prepareTrialData(ds, kind);
    assert.ok(d.x.every(Number.isFinite), kind);
    const back = denormalizeRows(d.y, 2, 0, d.targetAffine);
    assert.ok(maxRelativeError(back, values) < 1e-6, kind);
  }
  const constant = new Float32Array(6).fill(3);
  const s = fitNormalization('global', constant, 2, constant, 2, 3);
  assert.deepEqual(s.inputScale, [1]);
});

test('non-autoencoder: targets get their own column stats; sample uses the input row\'s stats for the targets', () => {
  const values = new Float32Array([1, 2, 100, 3, 5, 200, 6, 9, 300, 2, 2, 400]);
  const ds: Dataset = { rows: 4, cols: 3, values, columnNames: ['a', 'b', 'y'], inputCols: [0, 1], targetCols: [2], trainRows: 3, autoencoder: false };
  const f = prepareTrialData(ds, 'feature');
  assert.deepEqual(f.stats.targetShift, [200]);
  assert.notEqual(f.y, f.x);
  const s = prepareTrialData(ds, 'sample');
  // row 0: inputs 1, 2 -> mean 1.5, std 0.5; target 100 -> (100 - 1.5) / 0.5
  assert.ok(Math.abs(s.y[0] - 197) < 1e-4);
  for (const kind of NORMALIZATIONS) {
    const d = prepareTrialData(ds, kind);
    assert.ok(maxRelativeError(denormalizeRows(d.y, 1, 0, d.targetAffine), [100, 200, 300, 400]) < 1e-6, kind);
  }
});
