import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../report/row-output.js';
import { runQuery } from '../storage/sqlite/run-query.js';
import { resolveDbPath } from './db-path.js';

interface QueryFlags {
  db?: string;
  format: OutputFormat;
  timeout: number;
}

/** The default --timeout in seconds: long enough for any sane report query. */
export const DEFAULT_QUERY_TIMEOUT_S = 30;

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description("run one read-only SQL statement on the results (tables sweeps, trials, epochs, weights; view results)")
    .argument('<sql>', "e.g. \"SELECT normalization, avg(val_r2) FROM results WHERE sweep = 'quickstart' GROUP BY 1\"")
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--timeout <seconds>', 'stop the query after this long', seconds, DEFAULT_QUERY_TIMEOUT_S)
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (sql: string, flags: QueryFlags) => {
      const rows = await runQuery({ dbPath: resolveDbPath(flags.db), sql }, flags.timeout);
      if (flags.format === 'table' && rows.columns.length === 0) {
        process.stdout.write('(the statement returns no rows)\n');
        return;
      }
      process.stdout.write(renderRows(rows, flags.format, { ascii: !process.stdout.isTTY }));
      if (flags.format === 'table') process.stdout.write(`(${rows.rows.length} row${rows.rows.length === 1 ? '' : 's'})\n`);
    });
}
