import type { TrialRecord } from '../storage/store.js';

/**
 * A trial's status as tables print it: a pruned trial carries the rung it stopped at
 * (`pruned@3`: early termination stopped it after 3 epochs). Pure.
 */
export function statusLabel(t: Pick<TrialRecord, 'status' | 'rung' | 'epochs_done'>): string {
  if (t.status !== 'pruned') return t.status;
  return `pruned@${t.rung ?? t.epochs_done}`;
}

/** The line printed under a table that shows pruned trials. */
export const PRUNED_NOTE = 'pruned@N: stopped by early termination at the rung of N epochs; its metric is the one at that rung.';
