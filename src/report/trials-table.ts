import Table from 'cli-table3';
import type { TrialRecord } from '../storage/store.js';
import { formatParamValue } from '../config/format-param.js';
import { formatMetric } from './progress-state.js';
import { finalMetric, flagNotes, flagsOf } from './rank.js';
import { PRUNED_NOTE, statusLabel } from './status-label.js';

export interface TrialsTableOptions {
  /** Parameters to show as columns (usually the swept ones). */
  params: string[];
  /** Metric columns; the first is the ranking metric. */
  metrics: string[];
  /** Plain ASCII borders (non-TTY output, tests). */
  ascii?: boolean;
  /** Rank of the first row (1 unless the rows continue an earlier page). */
  firstRank?: number;
}

/**
 * Renders ranked trials as text. Trials carrying the loss_at_variance warning get a `!`
 * beside their rank and the explanation is printed once under the table; a pruned trial
 * shows the rung it stopped at (`pruned@3`), explained likewise. Pure: same input, same text.
 */
export function renderTrialsTable(trials: TrialRecord[], o: TrialsTableOptions): string {
  const head = ['#', 'trial', 'status', ...o.params, ...o.metrics, 'epochs'];
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    chars: o.ascii ? asciiChars : compactChars,
  });
  let flagged = false;
  let pruned = false;
  const first = o.firstRank ?? 1;
  trials.forEach((t, i) => {
    const warn = flagsOf(t).length > 0;
    flagged ||= warn;
    pruned ||= t.status === 'pruned';
    table.push([
      `${first + i}${warn ? ' !' : ''}`,
      String(t.id),
      statusLabel(t),
      ...o.params.map((p) => formatParamValue(t.params[p] ?? null)),
      ...o.metrics.map((m) => formatMetric(finalMetric(t, m))),
      String(t.epochs_done),
    ]);
  });
  return [table.toString(), ...(flagged ? flagNotes(trials) : []), ...(pruned ? [PRUNED_NOTE] : [])].join('\n');
}

/** Unicode borders without a rule between rows: ten ranked rows stay ten lines. */
export const compactChars = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export const asciiChars = {
  top: '-', 'top-mid': '+', 'top-left': '+', 'top-right': '+',
  bottom: '-', 'bottom-mid': '+', 'bottom-left': '+', 'bottom-right': '+',
  left: '|', 'left-mid': '', mid: '', 'mid-mid': '', right: '|', 'right-mid': '', middle: '|',
};
