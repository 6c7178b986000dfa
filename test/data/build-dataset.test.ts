import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset, trainRowCount } from '../../src/data/build-dataset.js';
import { isSharedDataset } from '../../src/data/shared-dataset.js';
import { DataError } from '../../src/errors.js';
import { fixture } from './fixtures.js';

test('validation split is Keras\'s: the first floor(rows * (1 - split)) rows train', () => {
  assert.equal(trainRowCount(100, 0.3), 70);
  assert.equal(trainRowCount(99999, 0.3), 69999);
  assert.equal(trainRowCount(139336, 0.2), 111468);
  assert.equal(trainRowCount(10, 0), 10);
});

test('generated autoencoder data: every column is input and target', () => {
  const ds = buildDataset({ generate: { distribution: 'uniform', low: 0, high: 1, rows: 10, cols: 4, seed: 1 }, target: 'input', validation_split: 0.3 });
  assert.equal(ds.rows, 10);
  assert.equal(ds.cols, 4);
  assert.equal(ds.trainRows, 7);
  assert.equal(ds.autoencoder, true);
  assert.deepEqual(ds.inputCols, [0, 1, 2, 3]);
  assert.deepEqual(ds.targetCols, [0, 1, 2, 3]);
  assert.equal(isSharedDataset(ds), false);
});

test('targets by name or index; the rest are inputs', () => {
  const byName = buildDataset({ path: fixture('small.csv'), target: ['c'], validation_split: 0 });
  assert.deepEqual(byName.targetCols, [2]);
  assert.deepEqual(byName.inputCols, [0, 1]);
  assert.equal(byName.autoencoder, false);
  const byIndex = buildDataset({ path: fixture('small.json'), target: [0, 'c2'], validation_split: 0 });
  assert.deepEqual(byIndex.targetCols, [0, 2]);
  assert.deepEqual(byIndex.inputCols, [1]);
});

test('bad targets and splits are DataErrors that say what is wrong', () => {
  const path = fixture('small.csv');
  assert.throws(() => buildDataset({ path, target: ['z'], validation_split: 0 }), (e: unknown) => e instanceof DataError && /no column named "z" \(columns: a, b, c\)/.test(e.message));
  assert.throws(() => buildDataset({ path, target: [5], validation_split: 0 }), /index 5 is out of range/);
  assert.throws(() => buildDataset({ path, target: ['a', 0], validation_split: 0 }), /twice/);
  assert.throws(() => buildDataset({ path, target: ['a', 'b', 'c'], validation_split: 0 }), /none is left as input/);
  assert.throws(() => buildDataset({ path, target: 'input', validation_split: 0.9 }), /leave no training rows/);
});

test('shared: the values live in a SharedArrayBuffer, same numbers', () => {
  const spec = { generate: { distribution: 'normal' as const, mean: 1, std: 2, rows: 50, cols: 3, seed: 4 }, target: 'input' as const, validation_split: 0.2 };
  const plain = buildDataset(spec);
  const shared = buildDataset(spec, { shared: true });
  assert.equal(isSharedDataset(shared), true);
  assert.ok(shared.values.buffer instanceof SharedArrayBuffer);
  assert.deepEqual([...shared.values], [...plain.values]);
  const fromFile = buildDataset({ path: fixture('small.npy'.replace('small', 'small-f8')), target: 'input', validation_split: 0 }, { shared: true });
  assert.ok(fromFile.values.buffer instanceof SharedArrayBuffer);
  assert.deepEqual([...fromFile.values], [1, 2, 3, 4.5, -0.5, 6, 7, 8, 9]);
});

test('data.shuffle: rows move whole, seeded, before the split; absent = Keras order', () => {
  const gen = { distribution: 'uniform' as const, low: 0, high: 1, rows: 50, cols: 3, seed: 4 };
  const plain = buildDataset({ generate: gen, target: 'input', validation_split: 0.2 });
  const shuffled = buildDataset({ generate: gen, target: 'input', validation_split: 0.2, shuffle: 0 });
  const again = buildDataset({ generate: gen, target: 'input', validation_split: 0.2, shuffle: 0 });
  const other = buildDataset({ generate: gen, target: 'input', validation_split: 0.2, shuffle: 7 });
  const rows = (d: typeof plain) => Array.from({ length: d.rows }, (_, r) => Array.from(d.values.subarray(r * d.cols, (r + 1) * d.cols)).join(','));
  // The same rows, each intact, in another order; the split is unchanged.
  assert.deepEqual([...rows(shuffled)].sort(), [...rows(plain)].sort());
  assert.notDeepEqual(rows(shuffled), rows(plain));
  assert.equal(shuffled.trainRows, plain.trainRows);
  // Validation is no longer the file's last rows: most of the last 10 rows now train.
  const lastTen = new Set(rows(plain).slice(40));
  assert.ok(rows(shuffled).slice(0, 40).filter((r) => lastTen.has(r)).length >= 5);
  // Seeded: the same seed gives the same order, another seed another.
  assert.deepEqual(rows(again), rows(shuffled));
  assert.notDeepEqual(rows(other), rows(shuffled));
});
