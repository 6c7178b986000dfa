import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTrialDetail } from '../../src/report/trial-detail.js';
import { sample, terminalChart } from '../../src/report/terminal-chart.js';
import { epochs, sweepRecord, trialRecord } from './records.js';

test('terminal charts: log scale for falling losses, a floor for R^2, sampling and stretching', () => {
  const loss = terminalChart([1, 0.1, 0.01, 0.001].map((v, i) => ({ epoch: i + 1, value: v })));
  assert.match(loss, /\(log scale\)/);
  assert.match(loss, /^ +1\.0000 ┼/m);
  assert.match(loss, /^ +0\.0010 ┼ +╰─+ *$/m);
  assert.match(loss, /epoch 1 +4$/m);
  const r2 = terminalChart([-5000, -2, 0.5, 0.9].map((v, i) => ({ epoch: i + 1, value: v })), { r2Like: true });
  assert.match(r2, /values below -1 drawn at -1/);
  assert.doesNotMatch(r2, /-5000/);
  const long = terminalChart(Array.from({ length: 200 }, (_, i) => ({ epoch: i + 1, value: Math.sin(i / 10) })));
  assert.match(long, /\(60 of 200 epochs drawn\)/);
  assert.match(long, /epoch 1 +200$/m);
  assert.equal(terminalChart([{ epoch: 3, value: 0.25 }, { epoch: 4, value: null }]), '  epoch 3: 0.2500');
  assert.equal(terminalChart([]), '  (no values)');
  assert.deepEqual(sample([1, 2, 3, 4, 5, 6, 7], 3), [1, 4, 7]);
});

test('show text: identity, status, parameters with the swept ones marked, final metrics, curves and epochs', () => {
  const t = trialRecord({ normalization: 'sample', seed: 2 }, 0.8, { id: 42, idx: 3, started_at: '2025-01-01T10:00:00Z', finished_at: '2025-01-01T10:00:05Z' });
  const text = renderTrialDetail({ sweep: sweepRecord(), trial: t, epochs: epochs([0.1, 0.4, 0.7, 0.8]), swept: ['normalization', 'seed'] }, { ascii: true });
  assert.match(text, /^Trial 42 of sweep 'grid' \(plan index 3, key key42\)/);
  assert.match(text, /status +completed\n +run +backend cpu, attempt 1, 4 epochs, in 1s\n +time +2025-01-01 10:00 UTC -> 2025-01-01 10:00 UTC/);
  assert.match(text, /^ {4}epochs +4$/m);
  assert.match(text, /^ {2}\* normalization +sample$/m);
  assert.match(text, /val_r2 +0\.8000 +<- the sweep's metric \(maximize\)/);
  assert.match(text, /identity_hits +2$/m);
  assert.match(text, /Learning curve: loss[\s\S]*Learning curve: val_r2 \(the sweep's metric\)/);
  assert.match(text, /^\| 4 \* +\| 0\.1250 /m);
  assert.match(text, /\* best epoch/);
});

test('show text for pruned, diverged and reused trials, and long runs', () => {
  const sweep = sweepRecord();
  const pruned = renderTrialDetail({
    sweep, swept: [], epochs: epochs([0.1, 0.2]),
    trial: trialRecord({}, 0.2, { status: 'pruned', rung: 2, epochs_done: 2, error: 'stopped by the sweep after epoch 2', reused_from: 7 }),
  });
  assert.match(pruned, /status +pruned@2 \(stopped by early termination at the rung of 2 epochs\)\n +reason +stopped by the sweep after epoch 2/);
  assert.match(pruned, /reused +results copied from trial 7 \(--reuse\)/);
  const diverged = renderTrialDetail({ sweep, swept: [], epochs: [], trial: trialRecord({}, null, { status: 'diverged', error: 'loss became NaN at epoch 1', epochs_done: 0 }) });
  assert.match(diverged, /reason +loss became NaN at epoch 1/);
  assert.match(diverged, /Final metrics: none \(no epoch finished\)/);
  assert.doesNotMatch(diverged, /Learning curve/);
  const r2s = Array.from({ length: 50 }, (_, i) => i / 50);
  const long = renderTrialDetail({ sweep, swept: [], epochs: epochs(r2s), trial: trialRecord({}, 0.98, { best_epoch: 33, epochs_done: 50 }) }, { ascii: true });
  const rows = long.split('\n').filter((l) => /^\| \d+/.test(l));
  assert.ok(rows.length <= 20, `${rows.length} epoch rows`);
  assert.ok(rows.some((r) => r.startsWith('| 33 *')), 'the best epoch is kept');
  assert.match(long, /of 50 epochs shown; tfsweep export --epochs has all/);
});
