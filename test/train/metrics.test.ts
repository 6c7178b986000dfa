import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meanRowCorrelation, regressionMetrics } from '../../src/tasks/regression-metrics.js';
import { identityStats } from '../../src/train/weight-stats.js';
import { regressionWarnings as trialWarnings } from '../../src/tasks/regression-warnings.js';
import { BestEpochTracker } from '../../src/train/early-stopping.js';
import type { EpochMetrics, FinalMetrics } from '../../src/train/types.js';

const close = (a: number | null, b: number, tol = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= tol, `${a} != ${b}`);

test('r2 is sklearn\'s r2_score (uniform average over columns); mse, mae, nmse by hand', () => {
  // columns: y0 = [1, 2, 3], y1 = [10, 20, 30]
  const truth = [1, 10, 2, 20, 3, 30];
  const pred = [1.5, 10, 2, 18, 2.5, 33];
  const m = regressionMetrics(truth, pred, 2, false);
  // col 0: SSE 0.5, SST 2 -> 0.75; col 1: SSE 13, SST 200 -> 0.935
  close(m.val_r2, (0.75 + 0.935) / 2);
  close(m.val_mse, 13.5 / 6);
  close(m.val_mae, (0.5 + 0 + 0 + 2 + 0.5 + 3) / 6);
  close(m.val_nmse, 13.5 / 202);
  assert.equal(m.val_corr, null);
});

test('predicting the mean gives r2 0 and nmse 1 whatever the scale', () => {
  for (const scale of [1e-3, 1, 1e3]) {
    const truth = [1, 2, 3, 4].map((v) => 1.1 + v * scale);
    const mean = truth.reduce((a, b) => a + b) / 4;
    const m = regressionMetrics(truth, [mean, mean, mean, mean], 1, true);
    close(m.val_r2, 0, 1e-9);
    close(m.val_nmse, 1, 1e-9);
    close(m.val_corr, 0);
  }
});

test('constant target column: r2 1 when exact, 0 otherwise; nmse null without variance', () => {
  close(regressionMetrics([5, 5], [5, 5], 1, false).val_r2, 1);
  close(regressionMetrics([5, 5], [5, 6], 1, false).val_r2, 0);
  assert.equal(regressionMetrics([5, 5], [5, 6], 1, false).val_nmse, null);
});

test('row correlation: shape matters, scale and offset do not', () => {
  close(meanRowCorrelation([1, 2, 3, 4, 5, 6], [10, 20, 30, 3, 2, 1], 3), 0);
  close(meanRowCorrelation([1, 2, 3], [101, 102, 103], 3), 1);
  close(meanRowCorrelation([1, 2, 3], [3, 2, 1], 3), -1);
});

test('identity stats: hits need a strictly largest diagonal; diag_mean', () => {
  assert.deepEqual(identityStats([1, 0, 0, 1], 2), { identity_hits: 2, diag_mean: 1 });
  // column 0 = [0.8, 0.9]: off-diagonal wins; column 1 = [0.1, 0.7]: hit
  assert.deepEqual(identityStats([0.8, 0.1, 0.9, 0.7], 2), { identity_hits: 1, diag_mean: 0.75 });
  assert.equal(identityStats([0, 0, 0, 0], 2).identity_hits, 0);
});

const final = (loss: number, nmse: number | null): FinalMetrics => ({
  loss, val_loss: loss, val_mse: loss, val_mae: null, val_r2: null, val_nmse: nmse, val_corr: null, identity_hits: null, diag_mean: null,
});

test('loss_at_variance: val_nmse >= 0.5 with a loss below 0.01', () => {
  assert.deepEqual(trialWarnings(final(1.5e-6, 1.0)), ['loss_at_variance']);
  assert.deepEqual(trialWarnings(final(1.5e-6, 0.5)), ['loss_at_variance']);
  assert.deepEqual(trialWarnings(final(1.5e-6, 0.1)), []);
  assert.deepEqual(trialWarnings(final(0.6, 0.6)), [], 'a unit-scale model is not flagged');
  assert.deepEqual(trialWarnings(final(1e-6, null)), []);
  assert.deepEqual(trialWarnings(null), []);
});

const epoch = (n: number, val_loss: number | null, val_r2: number | null = null): EpochMetrics => ({
  epoch: n, loss: 10 - n, val_loss, val_mse: null, val_mae: null, val_r2, val_nmse: null, val_corr: null, seconds: 0,
});

test('patience counts epochs without a strict improvement of the sweep metric', () => {
  const t = new BestEpochTracker({ name: 'val_loss', goal: 'minimize' }, 2);
  assert.equal(t.update(epoch(1, 1.0)), false);
  assert.equal(t.update(epoch(2, 0.5)), false);
  assert.equal(t.update(epoch(3, 0.5)), false);
  assert.equal(t.update(epoch(4, 0.7)), true);
  assert.equal(t.bestEpoch, 2);
  const r2 = new BestEpochTracker({ name: 'val_r2', goal: 'maximize' }, null);
  [0.1, 0.5, 0.3].forEach((v, i) => assert.equal(r2.update(epoch(i + 1, null, v)), false));
  assert.equal(r2.bestEpoch, 2);
  const noVal = new BestEpochTracker({ name: 'val_r2', goal: 'maximize' }, null);
  [1, 2, 3].forEach((i) => noVal.update(epoch(i, null, null)));
  assert.equal(noVal.bestEpoch, 3, 'without the metric, the lowest training loss wins');
});
