import { LOSS_AT_VARIANCE_RULE } from '../../tasks/regression-warnings.js';
import { LOSS_AT_VARIANCE_NOTE, MAJORITY_CLASS_NOTE } from '../rank.js';
import { MAJORITY_CLASS_RULE } from '../../tasks/classification-warnings.js';
import { formatMetric } from '../progress-state.js';
import { PRUNED_NOTE } from '../status-label.js';
import { formatCounts, formatEpochShare } from '../sweep-summary.js';
import { formatMeanStd, formatMedianIqr } from '../groups-table.js';
import { formatTime } from '../time-format.js';
import { escapeHtml, scriptSafeJson, scriptSafeSource } from './html-escape.js';
import { drawReport } from './report-client.js';
import type { ReportData, ReportTrial } from './report-data.js';
import { REPORT_CSS } from './report-style.js';

/** The page may run its own inline scripts and styles and load nothing at all. */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const TABLE_METRICS = ['val_r2', 'val_mse', 'loss'] as const;
const CLASSIFIER_TABLE_METRICS = ['val_accuracy', 'val_f1', 'val_loss', 'loss'] as const;

/**
 * The HTML report: one self-contained file (Chart.js, data, script and style inlined, a
 * Content-Security-Policy that forbids every fetch). Tables are plain HTML, readable
 * without scripts; the charts are drawn by report-client.ts. Pure: the same data and
 * library source give the same page.
 */
export function renderReportHtml(data: ReportData, chart: { source: string; version: string }): string {
  const e = escapeHtml;
  const s = data.summary;
  const sections = [
    header(data),
    rankedSection(data),
    curvesSection(data),
    effectsSection(data),
    seedsSection(data),
    data.classifier ? classesSection(data) : scaleSection(data),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tfsweep report; charts by Chart.js ${e(chart.version)}">
<title>tfsweep report: ${e(data.sweep)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${sections.join('\n')}
<p class="note">Generated ${e(formatTime(data.generatedAt))} by tfsweep from sweep '${e(s.name)}'. Charts drawn with Chart.js ${e(chart.version)}, included in this file.</p>
</main>
<script type="application/json" id="tfsweep-data">${scriptSafeJson(data)}</script>
<script>${scriptSafeSource(chart.source)}</script>
<script>
(${scriptSafeSource(drawReport.toString())})(JSON.parse(document.getElementById('tfsweep-data').textContent), Chart, document);
</script>
</body>
</html>
`;
}

function header(d: ReportData): string {
  const e = escapeHtml;
  const s = d.summary;
  const best = d.trials.find((t) => t.id === d.bestId);
  return `<h1>Sweep '${e(d.sweep)}'</h1>
<p class="sub">Ranked by <b>${e(d.metric)}</b> (${e(d.goal)}).</p>
<div class="facts">
  <div><b>status</b> ${e(s.status)}</div>
  <div><b>trials</b> ${s.total}: ${e(formatCounts(s.counts))}</div>
  <div><b>best</b> ${best ? `trial ${best.id}, ${e(d.metric)} ${e(formatMetric(best.value))}` : '-'}</div>
  <div><b>epochs trained / full grid</b> ${e(formatEpochShare(s.epochs_trained, s.epochs_full))}</div>
  <div><b>created</b> ${e(formatTime(s.created_at))}</div>
  <div><b>last run</b> ${e(formatTime(s.last_run_at))}</div>
</div>`;
}

function rankedSection(d: ReportData): string {
  const e = escapeHtml;
  const metrics = [d.metric, ...(d.classifier ? CLASSIFIER_TABLE_METRICS : TABLE_METRICS).filter((m) => m !== d.metric)];
  const head = ['#', 'trial', 'status', ...d.swept, ...metrics, 'epochs'].map((h) => `<th>${e(h)}</th>`).join('');
  const rows = d.trials.map((t) => {
    const cls = [t.id === d.bestId ? 'best' : '', t.flagged ? 'flagged' : '', t.rank === null ? 'unranked' : ''].filter(Boolean).join(' ');
    const cells = [
      `<td class="num">${t.rank ?? '-'}${t.flagged ? ' <span class="warn" title="loss_at_variance">!</span>' : ''}</td>`,
      `<td class="num">${t.id}</td>`,
      `<td>${e(t.label)}</td>`,
      ...d.swept.map((p) => `<td>${e(t.params[p] ?? '')}</td>`),
      ...metrics.map((m) => `<td class="num">${e(formatMetric(metricOf(t, m)))}</td>`),
      `<td class="num">${t.epochs_done}</td>`,
    ];
    return `<tr${cls ? ` class="${cls}"` : ''}>${cells.join('')}</tr>`;
  });
  const notes = [
    ...d.flagNotes.map((n) => `<p class="note warn">${e(n)}</p>`),
    ...(d.trials.some((t) => t.status === 'pruned') ? [`<p class="note">${e(PRUNED_NOTE)}</p>`] : []),
    ...(d.trials.some((t) => t.rank === null) ? ['<p class="note">Trials without the metric (failed, diverged, timed out or unfinished) are listed last, unranked.</p>'] : []),
  ];
  return `<h2 id="ranked">Ranked trials</h2>
<div class="scroll"><table id="ranked-table"><thead><tr>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>
${notes.join('\n')}`;
}

function metricOf(t: ReportTrial, m: string): number | null {
  if (m in t.metrics) return t.metrics[m];
  return null;
}

function key(color: string, text: string, dashed = false): string {
  const style = dashed ? `background: repeating-linear-gradient(90deg, ${color} 0 5px, transparent 5px 9px)` : `background: ${color}`;
  return `<span style="${style}"></span>${escapeHtml(text)}`;
}

function curvesSection(d: ReportData): string {
  const e = escapeHtml;
  if (!d.trials.some((t) => t.curve.some((v) => v !== null))) {
    return `<h2 id="curves">Learning curves</h2>\n<p class="note">No epoch has been recorded yet.</p>`;
  }
  return `<h2 id="curves">Learning curves</h2>
<figure>
<div class="chart"><canvas id="chart-curves" role="img" aria-label="${e(d.curveMetric)} per epoch, one line per trial"></canvas></div>
<figcaption class="key">${e(d.curveMetric)} per epoch, one line per trial: ${key('#1565c0', `the best trial (${d.bestId ?? '-'})`)}${key('#d62728', 'flagged loss_at_variance', true)}${key('rgba(100,100,100,0.6)', 'other trials')}</figcaption>
<p class="note" id="note-curves"></p>
</figure>`;
}

function effectsSection(d: ReportData): string {
  const e = escapeHtml;
  if (d.effects.length === 0) return `<h2 id="effects">Effect of each parameter</h2>\n<p class="note">The sweep varies no parameter other than the seed.</p>`;
  const figures = d.effects.map((f, i) => `<figure>
<h3>${e(f.param)}</h3>
<div class="chart"><canvas id="chart-effect-${i}" role="img" aria-label="${e(d.metric)} by ${e(f.param)}"></canvas></div>
<figcaption id="note-effect-${i}"></figcaption>
</figure>`);
  return `<h2 id="effects">Effect of each parameter</h2>
<p class="note">Final ${e(d.metric)} of every ranked trial by the value of each parameter (a dot per trial, the black bar at the median, a value below the floor drawn at it as &#9660;; blue: the best trial, red: flagged loss_at_variance).</p>
<div class="grid">
${figures.join('\n')}
</div>`;
}

function seedsSection(d: ReportData): string {
  const e = escapeHtml;
  const title = '<h2 id="seeds">Spread over seeds</h2>';
  if (!d.seeded) {
    return `${title}\n<p class="note">Every configuration ran with one seed, so the spread over seeds is unknown. Add <code>seed: {values: [1, 2, 3]}</code> to the spec's parameters to measure it.</p>`;
  }
  if (d.seedGroups.length === 0) return `${title}\n<p class="note">No configuration has two or more seeds with the metric yet.</p>`;
  const rows = d.seedGroups.map((g) => `<tr><td>${e(g.config || '(all)')}</td><td class="num">${g.stats.n}</td><td class="num">${e(formatMedianIqr(g.stats))}</td><td class="num">${e(formatMeanStd(g.stats.mean, g.stats.std))}</td><td class="num">${e(formatMetric(g.stats.min))}</td><td class="num">${e(formatMetric(g.stats.max))}</td><td>${g.members.map((m) => m.id).join(', ')}</td></tr>`);
  return `${title}
<p class="note">Each configuration (every parameter but the seed) with its seeds: a dot per seed, the black bar at the median, the blue band the interquartile range; best median first. A value below the chart's floor is drawn at the floor as &#9660;.</p>
<figure>
<div class="chart"><canvas id="chart-seeds" role="img" aria-label="${e(d.metric)} over seeds per configuration"></canvas></div>
<figcaption id="note-seeds"></figcaption>
</figure>
<div class="scroll"><table id="seeds-table"><thead><tr><th>configuration</th><th>n</th><th>${e(d.metric)} median [IQR]</th><th>mean ± std</th><th>min</th><th>max</th><th>trials</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function scaleSection(d: ReportData): string {
  const e = escapeHtml;
  const flagged = d.trials.filter((t) => t.flagged);
  const hasScale = d.trials.some((t) => t.val_mse !== null && t.val_nmse !== null && t.val_mse > 0 && t.val_nmse > 0);
  const hasLossR2 = d.trials.some((t) => t.loss !== null && t.val_r2 !== null);
  const intro = flagged.length > 0
    ? `<p class="note warn">${flagged.length} trial${flagged.length === 1 ? ' is' : 's are'} flagged loss_at_variance (${flagged.map((t) => t.id).join(', ')}). ${e(LOSS_AT_VARIANCE_NOTE.replace(/^! /, ''))}</p>`
    : `<p class="note">No trial is flagged loss_at_variance (a trial is flagged when ${e(LOSS_AT_VARIANCE_RULE)}).</p>`;
  return `<h2 id="scale">Loss versus scale</h2>
${intro}
<p class="note">A model that outputs the mean of the data has val_mse equal to the variance of the targets, however small that is. Points on or above the dashed line learned nothing beyond the mean; R^2 near 0 with a tiny loss says the same.</p>
<div class="grid wide">
${hasScale ? `<figure><h3>val_mse against the variance of the targets</h3><div class="chart"><canvas id="chart-scale" role="img" aria-label="val_mse against target variance"></canvas></div></figure>` : '<p class="note">No trial has both val_mse and val_nmse.</p>'}
${hasLossR2 ? `<figure><h3>Final training loss against val_r2</h3><div class="chart"><canvas id="chart-loss-r2" role="img" aria-label="loss against val_r2"></canvas></div><figcaption id="note-loss-r2"></figcaption></figure>` : ''}
</div>`;
}

/** A classifier's last section: the best trial's confusion matrix, and the majority_class explanation. */
function classesSection(d: ReportData): string {
  const e = escapeHtml;
  const flagged = d.trials.filter((t) => t.flagged);
  const intro = flagged.length > 0
    ? `<p class="note warn">${flagged.length} trial${flagged.length === 1 ? ' is' : 's are'} flagged majority_class (${flagged.map((t) => t.id).join(', ')}). ${e(MAJORITY_CLASS_NOTE.replace(/^! /, ''))}</p>`
    : `<p class="note">No trial is flagged majority_class (a trial is flagged when ${e(MAJORITY_CLASS_RULE)}).</p>`;
  const c = d.confusion;
  let table = '<p class="note">No ranked trial has a confusion matrix yet.</p>';
  if (c !== null) {
    const head = ['true \\ predicted', ...c.classes, 'recall'].map((h) => `<th>${e(h)}</th>`).join('');
    const rows = c.counts.map((row, i) => {
      const n = row.reduce((a, b) => a + b, 0);
      const cells = row.map((v, j) => `<td class="num${i === j ? ' diag' : ''}">${v}</td>`).join('');
      return `<tr><th>${e(c.classes[i])}</th>${cells}<td class="num">${n > 0 ? (row[i] / n).toFixed(4) : '-'}</td></tr>`;
    });
    table = `<div class="scroll"><table id="confusion-table"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
  }
  return `<h2 id="classes">Classes</h2>
${intro}
<h3>Confusion matrix of the best trial (${d.bestId ?? '-'}), validation rows</h3>
${table}`;
}
