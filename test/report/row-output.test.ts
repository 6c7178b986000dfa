import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epochExportRows, trialExportRows } from '../../src/report/export-rows.js';
import { paramCell } from '../../src/report/param-cell.js';
import { TABLE_CELL_MAX, renderRows } from '../../src/report/row-output.js';
import { rankedTrialRows } from '../../src/report/top-rows.js';
import { epochs, trialRecord } from './records.js';

const set = {
  columns: ['name', 'n', 'blob', 'none', 'nan'],
  rows: [['a, "b"\nc', 1.5, new Uint8Array([1, 2, 3]), null, Number.NaN], ['x'.repeat(100), 10n, null, null, 2]],
};

test('csv: RFC 4180 quoting, empty for null, base64 for blobs', () => {
  assert.equal(renderRows(set, 'csv'), `name,n,blob,none,nan\n"a, ""b""\nc",1.5,AQID,,NaN\n${'x'.repeat(100)},10,,,2\n`);
});

test('json: typed values, base64 blobs, null for non-finite numbers', () => {
  assert.deepEqual(JSON.parse(renderRows(set, 'json')), [
    { name: 'a, "b"\nc', n: 1.5, blob: 'AQID', none: null, nan: null },
    { name: 'x'.repeat(100), n: 10, blob: null, none: null, nan: 2 },
  ]);
});

test('table: NULL, blob sizes, long text cut', () => {
  const text = renderRows(set, 'table', { ascii: true });
  assert.match(text, /\| a, "b"⏎c +\| 1\.5 \| <blob 3 bytes> \| NULL \| NaN \|/);
  assert.match(text, new RegExp(`\\| ${'x'.repeat(TABLE_CELL_MAX - 1)}… \\|`));
});

test('parameter cells keep scalars and print objects, lists and null as the results view does', () => {
  assert.equal(paramCell(0.01), 0.01);
  assert.equal(paramCell('adam'), 'adam');
  assert.equal(paramCell(true), 1);
  assert.equal(paramCell(null), 'none');
  assert.equal(paramCell({ l1: 1e-5 }), 'l1=1e-05');
  assert.equal(paramCell([8, 4]), '[8,4]');
  assert.equal(paramCell(undefined), null);
});

test('export and top rows name parameters as the results view does (the loss knob is param_loss)', () => {
  const t = trialRecord({ loss: 'mse', 'model.layers.0.activation': 'relu', kernel_regularizer: { l2: 0.001 } }, 0.5);
  const columns = new Map([['loss', 'param_loss'], ['model.layers.0.activation', 'model_layers_0_activation']]);
  const trials = trialExportRows('grid', [t], columns);
  const row = Object.fromEntries(trials.columns.map((c, i) => [c, trials.rows[0][i]]));
  assert.equal(row.param_loss, 'mse');
  assert.equal(row.loss, 0.5);
  assert.equal(row.model_layers_0_activation, 'relu');
  assert.equal(row.kernel_regularizer, 'l2=0.001');
  assert.equal(new Set(trials.columns).size, trials.columns.length, 'no duplicate column');
  const perEpoch = epochExportRows('grid', [t], () => epochs([0.1, 0.2]), columns);
  assert.equal(perEpoch.rows.length, 2);
  assert.deepEqual(perEpoch.rows.map((r) => r[perEpoch.columns.indexOf('epoch')]), [1, 2]);
  const top = rankedTrialRows([t], ['loss'], ['val_r2', 'loss'], columns);
  assert.deepEqual(top.columns, ['rank', 'trial_id', 'status', 'rung', 'param_loss', 'val_r2', 'loss', 'epochs_done', 'warnings']);
});
