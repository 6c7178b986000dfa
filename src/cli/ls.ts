import type { Command } from 'commander';
import { Option } from 'commander';
import { openResults } from '../storage/open-results.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../report/row-output.js';
import { summarizeSweep } from '../report/sweep-summary.js';
import { renderSweepsTable, sweepRows } from '../report/sweeps-table.js';
import { resolveDbPath } from './db-path.js';

interface LsFlags {
  db?: string;
  format: OutputFormat;
}

export function registerLs(program: Command): void {
  program
    .command('ls')
    .description('list the sweeps in the database: trials per status, best metric, epochs trained, times')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (flags: LsFlags) => {
      const store = openResults(resolveDbPath(flags.db));
      try {
        const summaries = [];
        for (const s of await store.listSweeps()) summaries.push(summarizeSweep(s, await store.listTrials(s.id)));
        process.stdout.write(flags.format === 'table'
          ? `${renderSweepsTable(summaries, { ascii: !process.stdout.isTTY })}\n`
          : renderRows(sweepRows(summaries), flags.format));
      } finally {
        await store.close();
      }
    });
}
