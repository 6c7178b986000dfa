import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BarProgress, formatProblemCounts } from '../../src/report/progress-bar.js';
import { emptyCounts } from '../../src/storage/sqlite/rows.js';
import type { TrialResult } from '../../src/core/results.js';
import type { RunSummary } from '../../src/runner/run-summary.js';
import { sweepRecord, trialRecord } from './records.js';

test('the bar names each kind of trouble as the summary does: a diverged trial is not "failed"', () => {
  assert.equal(formatProblemCounts({ failed: 0, diverged: 0, timeout: 0 }), '0 failed');
  assert.equal(formatProblemCounts({ failed: 0, diverged: 2, timeout: 0 }), '2 diverged');
  assert.equal(formatProblemCounts({ failed: 1, diverged: 2, timeout: 3 }), '1 failed, 2 diverged, 3 timeout');

  let out = '';
  const stream = { isTTY: true, columns: 200, write: (s: string) => ((out += s), true), cursorTo: () => true, clearLine: () => true, moveCursor: () => true };
  const bar = new BarProgress(stream as unknown as NodeJS.WriteStream);
  const counts = emptyCounts();
  bar.start({
    sweep: 's', total: 2, counts: { ...counts }, workers: 1, backend: 'wasm', resumed: false, reclaimed: 0, reused: 0, note: null,
    metric: { name: 'val_r2', goal: 'maximize' }, swept: [],
  });
  const t = trialRecord({}, null, { status: 'diverged' });
  const result = { status: 'diverged', reason: 'loss became NaN at epoch 2', epochs: [], final: null, best_epoch: null, warnings: [], weights: null, backend: 'wasm' } as TrialResult;
  const after = { ...counts, diverged: 1 };
  bar.trialFinished(t, result, after);
  bar.finish({ sweep: sweepRecord(), resumed: false, reclaimed: 0, reused: 0, counts: after, interrupted: false, wallSeconds: 1, workers: 1, epochsTrained: 1 } as RunSummary);
  assert.match(out, /\| 1 diverged \|/);
  assert.doesNotMatch(out, /failed 1|1 failed/);
  assert.match(out, /0 failed, 1 diverged, 0 timeout/);
});
