import type { Command } from 'commander';
import { Option } from 'commander';
import { openResults } from '../storage/open-results.js';
import { epochExportRows, trialExportRows } from '../report/export-rows.js';
import { findSweep, loadEpochs } from '../report/find-records.js';
import { writeOutputFile } from '../report/output-file.js';
import { renderRows } from '../report/row-output.js';
import { resolveDbPath } from './db-path.js';

interface ExportFlags {
  db?: string;
  format?: 'csv' | 'json';
  epochs?: boolean;
  output?: string;
  overwrite?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("write a sweep's trials (parameters and final metrics), or with --epochs every epoch, as CSV or JSON")
    .argument('<sweep>', 'sweep name (tfsweep ls lists them)')
    .addOption(new Option('--format <format>', 'file format (default: json for a -o file ending in .json, else csv)').choices(['csv', 'json']))
    .option('--epochs', 'one row per trial and epoch instead of one per trial')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--overwrite', 'replace the output file if it exists')
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (name: string, flags: ExportFlags) => {
      const store = openResults(resolveDbPath(flags.db));
      let text: string;
      let count: number;
      try {
        const sweep = await findSweep(store, name);
        const trials = await store.listTrials(sweep.id);
        const columns = await store.paramColumns();
        const rows = flags.epochs
          ? epochExportRows(sweep.name, trials, await loadEpochs(store, trials), columns)
          : trialExportRows(sweep.name, trials, columns);
        const format = flags.format ?? (flags.output?.toLowerCase().endsWith('.json') ? 'json' : 'csv');
        text = renderRows(rows, format);
        count = rows.rows.length;
      } finally {
        await store.close();
      }
      if (flags.output === undefined) {
        process.stdout.write(text);
        return;
      }
      writeOutputFile(flags.output, text, !!flags.overwrite);
      process.stderr.write(`wrote ${count} ${flags.epochs ? 'epoch' : 'trial'} rows to ${flags.output}\n`);
    });
}
