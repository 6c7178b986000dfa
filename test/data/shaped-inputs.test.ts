import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildDataset } from '../../src/data/build-dataset.js';
import { fitMatrix } from '../../src/data/normalization.js';
import { parseNpy } from '../../src/data/read-npy.js';
import { datasetFromShared, toSharedDataset } from '../../src/data/shared-dataset.js';
import { DataError } from '../../src/errors.js';

/** A little-endian float32 .npy file of `shape` holding `values` in the stated order. */
function npy(shape: number[], values: number[], fortran = false): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const out = new Uint8Array(10 + header.length + values.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return out;
}

function dataError(code: string, pattern: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(e instanceof DataError);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  };
}

describe('.npy files of more than two dimensions', () => {
  // 3 rows of shape (2, 2): row r holds 10r + [0, 1, 2, 3] in C order.
  const cOrder = [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23];

  it('read as rows of the first axis, each flattened in C order, with the rows\' shape', () => {
    const t = parseNpy(npy([3, 2, 2], cOrder), 'x.npy');
    assert.deepEqual([t.rows, t.cols, t.rowShape], [3, 4, [2, 2]]);
    assert.deepEqual([...t.values], cOrder);
    assert.deepEqual(t.columnNames, ['c0', 'c1', 'c2', 'c3']);
    assert.equal(parseNpy(npy([3, 4], cOrder), 'x.npy').rowShape, undefined, 'a 2-D file has flat rows');
  });

  it('reorder a Fortran-order array (first axis fastest) into the same rows', () => {
    // Element (r, i, j) is stored at r + 3i + 6j.
    const fortran: number[] = new Array(12);
    for (let r = 0; r < 3; r++) for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) fortran[r + 3 * i + 6 * j] = cOrder[r * 4 + i * 2 + j];
    assert.deepEqual([...parseNpy(npy([3, 2, 2], fortran, true), 'f.npy').values], cOrder);
  });

  it('refuse a 1-D array and an empty row', () => {
    assert.throws(() => parseNpy(npy([4], [1, 2, 3, 4]), 'v.npy'), dataError('E_DATA_FORMAT', /expected an array of 2 or more dimensions \(rows, columns, \.\.\.\), got shape \(4\)/));
    assert.throws(() => parseNpy(npy([2, 0, 3], []), 'e.npy'), dataError('E_DATA_FORMAT', /shape \(2, 0, 3\) leaves no values in a row/));
  });

  it('give an autoencoder\'s input shape; targets out of shaped rows need data.input_shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfsweep-npy-'));
    const file = join(dir, 'images.npy');
    writeFileSync(file, npy([3, 2, 2], cOrder));
    const ds = buildDataset({ path: file, target: 'input', validation_split: 0 });
    assert.deepEqual(ds.inputShape, [2, 2]);
    assert.throws(() => buildDataset({ path: file, target: [3], validation_split: 0 }), dataError('E_DATA_SHAPE', /rows have shape \(2, 2\), but the targets take 1 of their 4 values: give data.input_shape/));
    assert.deepEqual(buildDataset({ path: file, target: [3], validation_split: 0, input_shape: [3, 1] }).inputShape, [3, 1]);
  });
});

describe('data.input_shape', () => {
  const generate = { distribution: 'uniform' as const, low: 0, high: 1, rows: 10, cols: 13, seed: 1 };

  it('is the shape of the input columns: its product must be their count', () => {
    assert.deepEqual(buildDataset({ generate, target: [12], validation_split: 0.2, input_shape: [2, 3, 2] }).inputShape, [2, 3, 2]);
    assert.throws(
      () => buildDataset({ generate, target: [12], validation_split: 0.2, input_shape: [2, 3, 3] }),
      dataError('E_DATA_SHAPE', /^input_shape \[2, 3, 3\] holds 18 values per row, but the data has 12 input columns \(13 columns less 1 target\)$/),
    );
    assert.equal(buildDataset({ generate, target: [12], validation_split: 0.2 }).inputShape, undefined, 'absent unless given');
  });

  it('crosses to a worker thread with the dataset', () => {
    const ds = toSharedDataset(buildDataset({ generate, target: 'input', validation_split: 0.2, input_shape: [13, 1] }));
    assert.deepEqual(datasetFromShared(structuredClone(ds)).inputShape, [13, 1]);
  });
});

describe('feature and minmax normalization of shaped rows are per channel', () => {
  // 2 training rows (and 1 validation row) of shape (2 positions, 2 channels): [p0c0, p0c1, p1c0, p1c1].
  const m = Float32Array.from([1, 10, 3, 30, 5, 50, 7, 70, 100, 100, 100, 100]);

  it('feature: the mean and population std of each channel over every position of the training rows', () => {
    // channel 0: 1, 3, 5, 7 -> mean 4, std sqrt(5); channel 1: 10, 30, 50, 70 -> mean 40, std sqrt(500).
    const { shift, scale } = fitMatrix('feature', m, 4, 2, 2);
    assert.deepEqual(shift, [4, 40, 4, 40]);
    assert.deepEqual(scale.map((s) => s ** 2).map((v) => Math.round(v * 1e9) / 1e9), [5, 500, 5, 500]);
  });

  it('minmax: the range of each channel', () => {
    assert.deepEqual(fitMatrix('minmax', m, 4, 2, 2), { shift: [1, 10, 1, 10], scale: [6, 60, 6, 60] });
  });

  it('one channel per column is the per-column rule, unchanged', () => {
    assert.deepEqual(fitMatrix('feature', m, 4, 2, 4), fitMatrix('feature', m, 4, 2));
    assert.deepEqual(fitMatrix('minmax', m, 4, 2), { shift: [1, 10, 3, 30], scale: [4, 40, 4, 40] });
  });
});
