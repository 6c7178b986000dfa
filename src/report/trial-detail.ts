import Table from 'cli-table3';
import { formatParamValue } from '../config/format-param.js';
import { epochMetricNames, metricColumnsFor, metricDef } from '../core/metric-registry.js';
import type { SweepRecord, TrialRecord } from '../storage/store.js';
import type { EpochMetrics } from '../core/metrics.js';
import { formatMetric, formatSeconds } from './progress-state.js';
import { finalMetric, flagNotes } from './rank.js';
import { renderConfusion } from './confusion-table.js';
import { statusLabel } from './status-label.js';
import { sample, terminalChart } from './terminal-chart.js';
import { formatTime } from './time-format.js';
import { tableStyle } from './table-style.js';

/** Epoch rows the per-epoch table prints at most (evenly sampled, first, last and best kept). */
export const EPOCH_TABLE_MAX_ROWS = 20;

export interface TrialDetail {
  sweep: SweepRecord;
  trial: TrialRecord;
  epochs: EpochMetrics[];
  /** Parameters that vary in the sweep (marked `*`). */
  swept: string[];
}

/**
 * `tfsweep show`: the trial's identity, status and reason, parameters, final metrics,
 * the learning curve of the loss and of the sweep's metric drawn in the terminal, and a
 * per-epoch table. Pure: same input, same text.
 */
export function renderTrialDetail(d: TrialDetail, o: { ascii?: boolean } = {}): string {
  const { sweep, trial: t, epochs } = d;
  const metric = sweep.metric_name;
  const out: string[] = [];
  out.push(`Trial ${t.id} of sweep '${sweep.name}' (plan index ${t.idx}, key ${t.trial_key})`);
  out.push(...statusLines(t));
  out.push('');
  out.push('Parameters (* = swept)');
  const width = Math.max(...Object.keys(t.params).map((k) => k.length), 4);
  for (const k of Object.keys(t.params).sort()) {
    out.push(`  ${d.swept.includes(k) ? '*' : ' '} ${k.padEnd(width)}  ${formatParamValue(t.params[k])}`);
  }
  out.push('');
  if (t.final) {
    out.push(`Final metrics${t.best_epoch !== null ? ` (best epoch ${t.best_epoch} by ${metric})` : ''}`);
    for (const m of metricColumnsFor([t.final])) {
      const mark = m === metric ? `   <- the sweep's metric (${sweep.metric_goal})` : '';
      const v = finalMetric(t, m);
      const text = metricDef(m)?.integer && v !== null ? String(v) : formatMetric(v);
      out.push(`    ${m.padEnd(width)}  ${text}${mark}`);
    }
  } else {
    out.push('Final metrics: none (no epoch finished)');
  }
  if (t.confusion) {
    out.push('', `Validation confusion matrix (the epoch of the final metrics; rows: true class, columns: predicted)`);
    out.push(renderConfusion(t.confusion, o.ascii));
  }
  if (epochs.length > 0) {
    out.push('', 'Learning curve: loss (training, normalized space)');
    out.push(terminalChart(epochs.map((e) => ({ epoch: e.epoch, value: e.loss }))));
    const perEpoch = metricDef(metric)?.perEpoch ?? epochs.some((e) => typeof e[metric] === 'number');
    const curveMetric = perEpoch && metric !== 'loss' ? metric : 'val_loss';
    out.push('', `Learning curve: ${curveMetric}${curveMetric === metric ? " (the sweep's metric)" : ''}`);
    const r2Like = metricDef(curveMetric)?.upToOne === true;
    out.push(terminalChart(epochs.map((e) => ({ epoch: e.epoch, value: e[curveMetric] ?? null })), { r2Like }));
    out.push('', 'Per epoch');
    out.push(epochTable(epochs, t.best_epoch, o.ascii));
  }
  return out.join('\n');
}

function statusLines(t: TrialRecord): string[] {
  const lines: string[] = [];
  let status = statusLabel(t);
  if (t.status === 'pruned') status += ` (stopped by early termination at the rung of ${t.rung ?? t.epochs_done} epochs)`;
  lines.push(`  status    ${status}`);
  if (t.error) lines.push(`  reason    ${t.error}`);
  const run = [
    t.backend ? `backend ${t.backend}` : null,
    `attempt ${t.attempt}`,
    `${t.epochs_done} epoch${t.epochs_done === 1 ? '' : 's'}`,
    t.duration_s !== null ? `in ${formatSeconds(t.duration_s)}` : null,
  ].filter((x) => x !== null);
  lines.push(`  run       ${run.join(', ')}`);
  if (t.started_at) lines.push(`  time      ${formatTime(t.started_at)} -> ${t.finished_at ? formatTime(t.finished_at) : 'not finished'}`);
  else if (t.finished_at) lines.push(`  finished  ${formatTime(t.finished_at)}`);
  if (t.reused_from !== null) lines.push(`  reused    results copied from trial ${t.reused_from} (--reuse)`);
  if (t.warnings.length > 0) {
    lines.push(`  warnings  ${t.warnings.join(', ')}`);
    for (const note of flagNotes([t])) lines.push(`  ${note}`);
  }
  return lines;
}

function epochTable(epochs: EpochMetrics[], best: number | null, ascii?: boolean): string {
  let rows = epochs;
  if (epochs.length > EPOCH_TABLE_MAX_ROWS) {
    const keep = new Set(sample(epochs, EPOCH_TABLE_MAX_ROWS - 1).map((e) => e.epoch));
    if (best !== null) keep.add(best);
    rows = epochs.filter((e) => keep.has(e.epoch));
  }
  // Registered per-epoch metrics always show (val_corr only for autoencoders); others when stored.
  const cols = metricColumnsFor(epochs, true)
    .filter((c) => (epochMetricNames().includes(c) && c !== 'val_corr') || epochs.some((e) => typeof e[c] === 'number'));
  const table = new Table({ head: ['epoch', ...cols, 'seconds'], ...tableStyle(ascii) });
  for (const e of rows) {
    table.push([
      `${e.epoch}${e.epoch === best ? ' *' : ''}`,
      ...cols.map((c) => formatMetric(e[c] ?? null)),
      e.seconds.toFixed(2),
    ]);
  }
  const note = rows.length < epochs.length ? `\n(${rows.length} of ${epochs.length} epochs shown; tfsweep export --epochs has all)` : '';
  return `${table.toString()}${best !== null ? '\n* best epoch' : ''}${note}`;
}
