import Table from 'cli-table3';
import { formatParamValue } from '../config/format-param.js';
import type { TrialGroup } from './group-trials.js';
import { formatMetric } from './progress-state.js';
import { finalMetric } from './rank.js';
import { tableStyle } from './table-style.js';

const GROUP_PRUNED_NOTE =
  'pruned: members stopped by early termination, counted with the metric at the rung they stopped at.';

export interface GroupsTableOptions {
  by: string[];
  metric: string;
  ascii?: boolean;
}

/** `0.9512 ± 0.0031`; the mean alone when there is a single member. */
export function formatMeanStd(mean: number, std: number | null): string {
  return std === null ? formatMetric(mean) : `${formatMetric(mean)} ± ${formatMetric(std)}`;
}

/** `0.9512 [0.9400, 0.9600]`: the median and the interquartile range. */
export function formatMedianIqr(s: { median: number; q1: number; q3: number; n: number }): string {
  return s.n === 1 ? formatMetric(s.median) : `${formatMetric(s.median)} [${formatMetric(s.q1)}, ${formatMetric(s.q3)}]`;
}

/** The sentence under every groups table: how groups are ranked and what the columns mean. */
export const GROUP_RANKING_NOTE =
  'ranked by the median over the ranked trials of each group; [q1, q3] is the interquartile range. ' +
  'mean ± std (std over n - 1) beside it: far from the median, it says a few members blew up.';

/**
 * Renders ranked groups: the grouping values, the metric as median [q1, q3] and mean ± std over the members,
 * n, the best member and its trial id. A group with flagged members gets a `!` beside its
 * rank and its count of flagged members, explained once under the table. Pure.
 */
export function renderGroupsTable(groups: readonly TrialGroup[], o: GroupsTableOptions): string {
  const anyPruned = groups.some((g) => g.pruned > 0);
  const anyUnranked = groups.some((g) => g.unranked > 0);
  const anyFlagged = groups.some((g) => g.flagged > 0);
  const head = [
    '#', ...o.by, `${o.metric} median [IQR]`, 'mean ± std', 'n', 'best', 'best trial',
    ...(anyFlagged ? ['flagged'] : []), ...(anyPruned ? ['pruned'] : []), ...(anyUnranked ? ['not ranked'] : []),
  ];
  const table = new Table({ head, ...tableStyle(o.ascii) });
  groups.forEach((g, i) => {
    const best = g.ranked[0];
    const members = g.ranked.length + g.unranked;
    table.push([
      `${i + 1}${g.flagged > 0 ? ' !' : ''}`,
      ...g.values.map(formatParamValue),
      g.stats ? formatMedianIqr(g.stats) : '-',
      g.stats ? formatMeanStd(g.stats.mean, g.stats.std) : '-',
      String(g.stats?.n ?? 0),
      best ? formatMetric(finalMetric(best, o.metric)) : '-',
      best ? String(best.id) : '-',
      ...(anyFlagged ? [g.flagged > 0 ? `${g.flagged}/${members}` : ''] : []),
      ...(anyPruned ? [g.pruned > 0 ? String(g.pruned) : ''] : []),
      ...(anyUnranked ? [g.unranked > 0 ? String(g.unranked) : ''] : []),
    ]);
  });
  const notes = [
    GROUP_RANKING_NOTE,
    ...(anyFlagged ? [...new Set(groups.flatMap((g) => g.flagNotes))] : []),
    ...(anyPruned ? [GROUP_PRUNED_NOTE] : []),
    ...(anyUnranked ? ['not ranked: members without the metric (failed, diverged, timeout or unfinished).'] : []),
  ];
  return [table.toString(), ...notes].join('\n');
}
