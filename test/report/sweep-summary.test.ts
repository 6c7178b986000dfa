import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatEpochShare, summarizeSweep } from '../../src/report/sweep-summary.js';
import { renderSweepsTable, sweepRows } from '../../src/report/sweeps-table.js';
import { renderTrialsTable } from '../../src/report/trials-table.js';
import { statusLabel } from '../../src/report/status-label.js';
import { sweepRecord, trialRecord } from './records.js';

const trials = [
  trialRecord({ epochs: 9 }, 0.5, { epochs_done: 9 }),
  trialRecord({ epochs: 9 }, 0.7, { epochs_done: 3, status: 'pruned', rung: 3 }),
  trialRecord({ epochs: 9 }, null, { epochs_done: 1, status: 'diverged', backend: 'wasm' }),
  // Claimed but never started: it still holds the requested choice.
  trialRecord({ epochs: 9 }, null, { epochs_done: 0, status: 'pending', backend: 'auto' }),
];

test('a sweep summary counts statuses, finds the best, and sets epochs trained against the full grid', () => {
  const s = summarizeSweep(sweepRecord(), trials);
  assert.equal(s.total, 4);
  assert.deepEqual([s.counts.completed, s.counts.pruned, s.counts.diverged, s.counts.pending], [1, 1, 1, 1]);
  assert.deepEqual(s.best, { value: 0.7, trial_id: trials[1].id });
  assert.equal(s.epochs_trained, 13);
  assert.equal(s.epochs_full, 36);
  assert.equal(formatEpochShare(13, 36), '13 / 36 (36%)');
  // The backends the trials ran on, most used first; never the requested `auto`.
  assert.deepEqual(s.backends, ['cpu', 'wasm']);
});

test('the ls table and rows', () => {
  const s = summarizeSweep(sweepRecord(), trials);
  const text = renderSweepsTable([s], { ascii: true });
  assert.match(text, /\| grid +\| completed \| 4: 1 pending, 1 completed, 1 diverged, 1 pruned \| val_r2 0\.7000 \(trial \d+\) \| 13 \/ 36 \(36%\) +\| cpu, wasm \| 2025-03-04 05:06 UTC \| 2025-03-04 05:06 UTC \|/);
  assert.equal(renderSweepsTable([]), 'no sweeps yet (run one: tfsweep run <spec>)');
  const rows = sweepRows([s]);
  const row = Object.fromEntries(rows.columns.map((c, i) => [c, rows.rows[0][i]]));
  assert.equal(row.pruned, 1);
  assert.equal(row.epochs_full_grid, 36);
  assert.equal(row.best_trial, trials[1].id);
  assert.equal(row.backend, 'cpu,wasm');
});

test('ranked tables show the rung of a pruned trial and explain it', () => {
  assert.equal(statusLabel(trials[1]), 'pruned@3');
  assert.equal(statusLabel(trials[0]), 'completed');
  const text = renderTrialsTable([trials[1], trials[0]], { params: ['epochs'], metrics: ['val_r2'], ascii: true, firstRank: 5 });
  assert.match(text, /^\| 5 +\| \d+ +\| pruned@3 +\| 9 +\| 0\.7000 \| 3 +\|$/m);
  assert.match(text, /^\| 6 +\|/m);
  assert.match(text, /pruned@N: stopped by early termination at the rung of N epochs/);
});
