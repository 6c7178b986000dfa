import Table from 'cli-table3';
import type { TrialRecord } from '../store/store.js';
import { formatParamValue } from '../planner/format-param.js';
import { formatMetric } from './progress-state.js';
import { LOSS_AT_VARIANCE, LOSS_AT_VARIANCE_NOTE, finalMetric } from './rank.js';

export interface TrialsTableOptions {
  /** Parameters to show as columns (usually the swept ones). */
  params: string[];
  /** Metric columns; the first is the ranking metric. */
  metrics: string[];
  /** Plain ASCII borders (non-TTY output, tests). */
  ascii?: boolean;
}

/**
 * Renders ranked trials as text. Trials carrying the loss_at_variance warning get a `!`
 * beside their rank and the explanation is printed once under the table. Pure: same
 * input, same text.
 */
export function renderTrialsTable(trials: TrialRecord[], o: TrialsTableOptions): string {
  const head = ['#', 'trial', 'status', ...o.params, ...o.metrics, 'epochs'];
  const table = new Table({
    head,
    style: { head: [], border: [] },
    ...(o.ascii ? { chars: asciiChars } : {}),
  });
  let flagged = false;
  trials.forEach((t, i) => {
    const warn = t.warnings.includes(LOSS_AT_VARIANCE);
    flagged ||= warn;
    table.push([
      `${i + 1}${warn ? ' !' : ''}`,
      String(t.id),
      t.status,
      ...o.params.map((p) => formatParamValue(t.params[p] ?? null)),
      ...o.metrics.map((m) => formatMetric(finalMetric(t, m))),
      String(t.epochs_done),
    ]);
  });
  return table.toString() + (flagged ? `\n${LOSS_AT_VARIANCE_NOTE}` : '');
}

const asciiChars = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
  bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
  left: '|', 'left-mid': '+', mid: '-', 'mid-mid': '+', right: '|', 'right-mid': '+', middle: '|',
};
