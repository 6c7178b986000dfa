import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { openResults } from '../storage/open-results.js';
import type { ResultsReader } from '../storage/store.js';
import { findSweep } from '../report/find-records.js';
import { groupTrials } from '../report/group-trials.js';
import { renderGroupsTable } from '../report/groups-table.js';
import { chooseMetric, metricColumns } from '../report/metric-choice.js';
import { rankTrials } from '../report/rank.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../report/row-output.js';
import { formatCounts } from '../report/sweep-summary.js';
import { sweptParams } from '../report/swept-params.js';
import { groupRows, rankedTrialRows } from '../report/top-rows.js';
import { renderTrialsTable } from '../report/trials-table.js';
import { emptyCounts } from '../storage/sqlite/rows.js';
import { resolveDbPath } from './db-path.js';

interface TopFlags {
  db?: string;
  metric?: string;
  goal?: 'maximize' | 'minimize';
  limit: number;
  by?: string;
  format: OutputFormat;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number (0: no limit)');
  return n;
}

export function registerTop(program: Command): void {
  program
    .command('top')
    .description("rank a sweep's trials by its metric; --by groups them, with median [IQR] and mean ± std over each group")
    .argument('<sweep>', 'sweep name (tfsweep ls lists them)')
    .option('--metric <name>', "rank by this metric instead of the sweep's own")
    .addOption(new Option('--goal <goal>', 'ranking direction (default: the metric\'s)').choices(['maximize', 'minimize']))
    .option('--limit <n>', 'rows to print, 0 for all', nonNegativeInt, 20)
    .option('--by <params>', 'group by these parameters (comma-separated), e.g. --by normalization,optimizer')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (name: string, flags: TopFlags) => {
      const store = openResults(resolveDbPath(flags.db));
      try {
        process.stdout.write(await topText(store, name, flags));
      } finally {
        await store.close();
      }
    });
}

async function topText(store: ResultsReader, name: string, flags: TopFlags): Promise<string> {
  const sweep = await findSweep(store, name);
  const metric = chooseMetric(sweep, flags.metric, flags.goal);
  const trials = await store.listTrials(sweep.id);
  const limit = flags.limit === 0 ? Infinity : flags.limit;
  const ascii = !process.stdout.isTTY;
  const columns = await store.paramColumns();
  if (flags.by !== undefined) {
    const by = flags.by.split(',').map((p) => p.trim()).filter((p) => p !== '');
    const groups = groupTrials(trials, by, metric.name, metric.goal);
    const shown = groups.slice(0, limit);
    if (flags.format !== 'table') return renderRows(groupRows(shown, by, metric.name, columns), flags.format);
    const head = `${sweep.name} grouped by ${by.join(', ')}: ${metric.name} (${metric.goal}), ${groups.length} groups of ${trials.length} trials\n`;
    return `${head}${renderGroupsTable(shown, { by, metric: metric.name, ascii })}\n${moreLine(groups.length, shown.length)}`;
  }
  const ranked = rankTrials(trials, metric.name, metric.goal);
  const shown = ranked.slice(0, limit);
  const params = sweptParams(trials);
  const metrics = metricColumns(metric.name, trials.map((t) => t.final));
  if (flags.format !== 'table') return renderRows(rankedTrialRows(shown, params, metrics, columns), flags.format);
  if (ranked.length === 0) return `${sweep.name}: no trial has ${metric.name} yet (${formatCounts(countOf(trials))})\n`;
  const head = `Top ${shown.length} of ${sweep.name} (${trials.length} trials) by ${metric.name} (${metric.goal}):\n`;
  const unranked = trials.filter((t) => !ranked.includes(t));
  const notRanked = unranked.length > 0
    ? `not ranked: ${formatCounts(countOf(unranked))} (tfsweep show <trial> gives the reason)\n`
    : '';
  return `${head}${renderTrialsTable(shown, { params, metrics, ascii })}\n${notRanked}${moreLine(ranked.length, shown.length)}`;
}

function countOf(trials: readonly { status: keyof ReturnType<typeof emptyCounts> }[]) {
  const counts = emptyCounts();
  for (const t of trials) counts[t.status] += 1;
  return counts;
}

function moreLine(total: number, shown: number): string {
  return total > shown ? `... ${total - shown} more (--limit 0 shows all)\n` : '';
}
