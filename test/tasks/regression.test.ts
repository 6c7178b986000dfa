import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REGRESSION_LOSSES as LOSSES, NORMALIZATIONS, type Loss } from '../../src/config/types.js';
import { regression } from '../../src/tasks/regression.js';
import { REGRESSION_LOSSES } from '../../src/tasks/regression-losses.js';
import { taskFor } from '../../src/tasks/task-for.js';
import { makeTrial } from '../train/helpers.js';

const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= tol, `${a} != ${b}`);

test('taskFor: every trial is regression for now', () => {
  assert.equal(taskFor(makeTrial()).name, 'regression');
});

test('losses: the spec\'s four, each the shared table\'s formula; an unknown name throws', () => {
  assert.deepEqual(regression.losses, LOSSES);
  for (const name of LOSSES) assert.equal(regression.loss(name), REGRESSION_LOSSES[name]);
  assert.throws(() => regression.loss('hinge' as Loss), /regression has no loss 'hinge'/);
  assert.deepEqual(regression.normalizations, NORMALIZATIONS);
});

test('metrics on a tiny example: mse, mae, r2, nmse by hand; keyed by metricNames in order', () => {
  // columns: y0 = [1, 2, 3], y1 = [10, 20, 30]; col 0: SSE 0.5, SST 2; col 1: SSE 13, SST 200
  const m = regression.metrics([1, 10, 2, 20, 3, 30], [1.5, 10, 2, 18, 2.5, 33], 2, false);
  assert.deepEqual(Object.keys(m), regression.metricNames);
  close(m.val_mse, 13.5 / 6);
  close(m.val_mae, 6 / 6);
  close(m.val_r2, (0.75 + 0.935) / 2);
  close(m.val_nmse, 13.5 / 202);
  assert.equal(m.val_corr, null, 'val_corr is for autoencoders');
  const ae = regression.metrics([1, 2, 3, 3, 2, 1], [2, 4, 6, 1, 2, 3], 3, true);
  close(ae.val_corr, 0, 1e-12);
});

test('warnings: loss_at_variance when val_nmse >= 0.5 and |loss| < 0.01, from an open final record', () => {
  const final = (loss: number, val_nmse: number | null) => ({ loss, val_loss: loss, val_mse: loss, val_nmse, identity_hits: null });
  assert.deepEqual(regression.warnings(final(1e-6, 1)), ['loss_at_variance']);
  assert.deepEqual(regression.warnings(final(-1e-3, 0.5)), ['loss_at_variance']);
  assert.deepEqual(regression.warnings(final(1e-6, 0.49)), []);
  assert.deepEqual(regression.warnings(final(0.01, 0.9)), []);
  assert.deepEqual(regression.warnings(final(1e-6, null)), []);
  assert.deepEqual(regression.warnings({ val_nmse: 0.9 }), [], 'no loss, no warning');
  assert.deepEqual(regression.warnings(null), []);
});

test('target encoding: fitted on the training rows, decoded back to the data\'s units', () => {
  // rows x 1 targets; inputs 2 columns. Training rows 0..2.
  const y = new Float32Array([100, 200, 300, 400]);
  const inputs = { values: new Float32Array(8), affine: { shift: [], scale: [] } };
  const targets = { values: y, cols: 1, rows: 4, trainRows: 3, autoencoder: false };
  const f = regression.encodeTargets('feature', targets, inputs);
  assert.deepEqual(f.affine.shift, [200]);
  close(f.values[3], 200 / Math.sqrt(20000 / 3), 1e-5);
  const back = regression.decodeTargets(f.values, 1, 0, f.affine);
  back.forEach((v, i) => close(v, y[i], 1e-3));
  const m = regression.encodeTargets('minmax', targets, inputs);
  assert.deepEqual([m.affine.shift, m.affine.scale], [[100], [200]]);
  const none = regression.encodeTargets('none', targets, inputs);
  assert.equal(none.values, y, 'none keeps the array');
  const rows = { shift: [], scale: [], rowShift: new Float64Array([1, 2, 3, 4]), rowScale: new Float64Array([2, 2, 2, 2]) };
  const s = regression.encodeTargets('sample', targets, { values: inputs.values, affine: rows });
  assert.equal(s.affine, rows, 'sample scales targets by the inputs\' row stats');
  close(s.values[1], (200 - 2) / 2, 1e-5);
  const ae = { values: inputs.values, affine: { shift: [1], scale: [2] } };
  assert.equal(regression.encodeTargets('global', { ...targets, values: inputs.values, cols: 2, autoencoder: true }, ae), ae, 'an autoencoder\'s targets are its inputs');
});
