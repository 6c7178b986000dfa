import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, scriptSafeJson, scriptSafeSource } from '../../src/report/html/html-escape.js';
import { buildReportData } from '../../src/report/html/report-data.js';
import { renderReportHtml } from '../../src/report/html/report-html.js';
import { epochs, sweepRecord, trialRecord } from './records.js';

const trials = [
  trialRecord({ normalization: 'sample', seed: 1 }, 0.9, { id: 101, idx: 0 }),
  trialRecord({ normalization: 'sample', seed: 2 }, 0.8, { id: 102, idx: 1 }),
  trialRecord({ normalization: 'none', seed: 1 }, -0.2, { id: 103, idx: 2, warnings: ['loss_at_variance'] }),
  trialRecord({ normalization: 'none', seed: 2 }, null, { id: 104, idx: 3, status: 'failed', error: 'boom' }),
];
const curves: Record<number, number[]> = { 101: [0.5, 0.9], 102: [0.4, 0.8], 103: [-0.5, -0.2], 104: [] };

test('report data: ranks, curves, effects and the spread over seeds', () => {
  const d = buildReportData(sweepRecord(), trials, (id) => epochs(curves[id]), '2025-01-01T00:00:00Z');
  assert.deepEqual(d.trials.map((t) => [t.id, t.rank]), [[101, 1], [102, 2], [103, 3], [104, null]]);
  assert.equal(d.bestId, 101);
  assert.deepEqual(d.trials[0].curve, [0.5, 0.9]);
  assert.deepEqual(d.swept, ['normalization', 'seed']);
  assert.deepEqual(d.effects, [{ param: 'normalization', values: ['sample', 'none'] }]);
  assert.equal(d.seeded, true);
  assert.deepEqual(d.seedGroups.map((g) => [g.config, g.stats.n]), [['normalization=sample', 2]]);
  assert.ok(Math.abs(d.seedGroups[0].stats.mean - 0.85) < 1e-12);
  assert.equal(d.trials[2].flagged, true);
});

test('the page inlines its data safely: names cannot close the script or inject markup', () => {
  const evil = '</script><img src=x onerror=alert(1)>';
  const sweep = sweepRecord({ name: evil });
  const d = buildReportData(sweep, [trialRecord({ normalization: evil, seed: 1 }, 0.5), trialRecord({ normalization: 'b', seed: 1 }, 0.4)], () => [], 'now');
  const html = renderReportHtml(d, { source: 'window.Chart = function () {}; // </script>', version: '4.0.0' });
  assert.equal(html.split('</script>').length - 1, 3, 'exactly the three scripts of the page end');
  assert.doesNotMatch(html, /<img src=x/);
  assert.match(html, /&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.equal(scriptSafeJson('</script>'), '"\\u003c/script>"');
  assert.equal(scriptSafeSource('a </SCRIPT> b'), 'a <\\/SCRIPT> b');
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});

test('sections adapt: no seeds, no epochs, no flagged trial', () => {
  const plain = [trialRecord({ lr: 0.1 }, 0.5), trialRecord({ lr: 0.01 }, 0.6)];
  const html = renderReportHtml(buildReportData(sweepRecord(), plain, () => [], 'now'), { source: '', version: '4' });
  assert.match(html, /Every configuration ran with one seed/);
  assert.match(html, /No epoch has been recorded yet/);
  assert.match(html, /No trial is flagged loss_at_variance/);
  assert.doesNotMatch(html, /id="chart-curves"/);
  assert.match(html, /id="chart-effect-0"/);
});

test('no flagged trial: the page states the one loss_at_variance rule and never claims what its chart contradicts', () => {
  // A model that is merely bad on data of ordinary scale: val_mse far above the variance (val_nmse 5), loss 2.
  const bad = trialRecord({ lr: 0.1 }, -4, { final: { loss: 2, val_loss: 2, val_mse: 10, val_mae: 3, val_r2: -4, val_nmse: 5, val_corr: null } });
  const html = renderReportHtml(buildReportData(sweepRecord(), [bad, trialRecord({ lr: 0.01 }, 0.6)], () => [], 'now'), { source: '', version: '4' });
  assert.doesNotMatch(html, /well below the variance/);
  assert.match(html, /No trial is flagged loss_at_variance \(a trial is flagged when val_mse is at least half the variance of the targets \(val_nmse &gt;= 0\.5\) while the training loss is below 0\.01\)/);
});
