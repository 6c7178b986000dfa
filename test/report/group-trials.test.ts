import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.js';
import { groupTrials } from '../../src/report/group-trials.js';
import { formatMeanStd, renderGroupsTable } from '../../src/report/groups-table.js';
import { summaryStats } from '../../src/report/summary-stats.js';
import { trialRecord } from './records.js';

const trials = [
  trialRecord({ normalization: 'none', seed: 1 }, -0.1, { warnings: ['loss_at_variance'] }),
  trialRecord({ normalization: 'none', seed: 2 }, 0.1, { warnings: ['loss_at_variance'] }),
  trialRecord({ normalization: 'sample', seed: 1 }, 0.9),
  trialRecord({ normalization: 'sample', seed: 2 }, 0.7),
  trialRecord({ normalization: 'sample', seed: 3 }, 0.2, { status: 'pruned', rung: 2, epochs_done: 2 }),
  trialRecord({ normalization: 'sample', seed: 4 }, null, { status: 'diverged', error: 'loss became NaN' }),
  trialRecord({ normalization: 'feature', seed: 1 }, null, { status: 'failed' }),
];

test('summaryStats: mean, sample std (n - 1), min, max, median and quartiles (type 7)', () => {
  const s = summaryStats([4, 1, 3, 2])!;
  assert.equal(s.mean, 2.5);
  assert.deepEqual([s.median, s.q1, s.q3], [2.5, 1.75, 3.25]);
  assert.deepEqual(summaryStats([5, -1e9, 7])!.median, 5);
  assert.ok(Math.abs(s.std! - Math.sqrt(5 / 3)) < 1e-15);
  assert.deepEqual([s.n, s.min, s.max], [4, 1, 4]);
  assert.equal(summaryStats([7])!.std, null);
  assert.equal(summaryStats([]), null);
});

test('groups rank by the median over ranked members; groups with none come last', () => {
  const groups = groupTrials(trials, ['normalization'], 'val_r2', 'maximize');
  assert.deepEqual(groups.map((g) => g.values), [['sample'], ['none'], ['feature']]);
  const [sample, none, feature] = groups;
  assert.ok(Math.abs(sample.stats!.mean - 0.6) < 1e-12);
  assert.equal(sample.stats!.n, 3);
  assert.deepEqual([sample.pruned, sample.unranked, sample.flagged], [1, 1, 0]);
  assert.equal(sample.ranked[0].final!.val_r2, 0.9);
  assert.equal(none.flagged, 2);
  assert.equal(feature.stats, null);
  assert.equal(feature.unranked, 1);
  const low = groupTrials(trials, ['normalization'], 'val_r2', 'minimize');
  assert.deepEqual(low.map((g) => g.values[0]), ['none', 'sample', 'feature']);
});

test('one blown-up member does not reorder the groups: ranked by the median, the mean shown beside it', () => {
  // By the mean, 'feature' (-3.25e8) would rank far below 'none'; by the median it wins.
  const blown = [
    ...[0.8, 0.82, 0.85, -1.3e9].map((v, i) => trialRecord({ normalization: 'feature', seed: i }, v)),
    ...[0.5, 0.55, 0.6, 0.58].map((v, i) => trialRecord({ normalization: 'none', seed: i }, v)),
  ];
  const groups = groupTrials(blown, ['normalization'], 'val_r2', 'maximize');
  assert.deepEqual(groups.map((g) => g.values[0]), ['feature', 'none']);
  assert.ok(groups[0].stats!.mean < -3e8);
  const text = renderGroupsTable(groups, { by: ['normalization'], metric: 'val_r2', ascii: true });
  assert.match(text, /\| 1 +\| feature +\| 0\.8100 \[-3\.250e\+8, 0\.8275\] +\| -3\.250e\+8 ± 6\.500e\+8 +\| 4 /);
  assert.match(text, /ranked by the median/);
});

test('an unknown or empty --by is a usage error that lists the parameters', () => {
  assert.throws(() => groupTrials(trials, ['normalisation'], 'val_r2', 'maximize'), (e: unknown) => {
    assert.ok(e instanceof UsageError);
    assert.equal(e.code, 'E_BY_PARAM');
    assert.match(e.message, /unknown parameter 'normalisation'; the sweep's parameters are: epochs, normalization, seed/);
    return true;
  });
  assert.throws(() => groupTrials(trials, [], 'val_r2', 'maximize'), /none given/);
});

test('the groups table prints median [IQR], mean ± std, n, the best trial, and flagged / pruned / unranked counts with notes', () => {
  const text = renderGroupsTable(groupTrials(trials, ['normalization'], 'val_r2', 'maximize'), { by: ['normalization'], metric: 'val_r2', ascii: true });
  const rows = text.split('\n').filter((l) => /^\| \d/.test(l));
  assert.match(rows[0], /^\| 1 +\| sample +\| 0\.7000 \[0\.4500, 0\.8000\] +\| 0\.6000 ± 0\.3606 +\| 3 \| 0\.9000 \| 3 +\| +\| 1 +\| 1 +\|$/);
  assert.match(rows[1], /^\| 2 ! \| none +\| 0\.0000 \[-0\.0500, 0\.0500\] +\| 0\.0000 ± 0\.1414 +\| 2 \| 0\.1000 \| 2 +\| 2\/2 +\|/);
  assert.match(rows[2], /^\| 3 +\| feature +\| - +\| - +\| 0 \| - +\| - +\|/);
  assert.match(text, /loss_at_variance: the model predicts the mean/);
  assert.match(text, /pruned: members stopped by early termination/);
  assert.match(text, /not ranked: members without the metric/);
  assert.equal(formatMeanStd(0.5, null), '0.5000');
});
