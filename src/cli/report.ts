import type { Command } from 'commander';
import { openResults } from '../storage/open-results.js';
import { findSweep, loadEpochs } from '../report/find-records.js';
import { writeOutputFile } from '../report/output-file.js';
import { chartJsSource } from '../report/html/chart-library.js';
import { buildReportData } from '../report/html/report-data.js';
import { renderReportHtml } from '../report/html/report-html.js';
import { resolveDbPath } from './db-path.js';

interface ReportFlags {
  db?: string;
  output: string;
  overwrite?: boolean;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write a self-contained HTML report of a sweep: ranked table, learning curves, parameter effects, seed spread, loss vs scale')
    .argument('<sweep>', 'sweep name (tfsweep ls lists them)')
    .requiredOption('-o, --output <file>', 'the HTML file to write, e.g. report.html')
    .option('--overwrite', 'replace the file if it exists')
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (name: string, flags: ReportFlags) => {
      const store = openResults(resolveDbPath(flags.db));
      let html: string;
      try {
        const sweep = await findSweep(store, name);
        const trials = await store.listTrials(sweep.id);
        const data = buildReportData(sweep, trials, await loadEpochs(store, trials), new Date().toISOString());
        html = renderReportHtml(data, chartJsSource());
      } finally {
        await store.close();
      }
      writeOutputFile(flags.output, html, !!flags.overwrite);
      process.stdout.write(`wrote ${flags.output} (${Math.round(html.length / 1024)} KiB, self-contained: open it in any browser)\n`);
    });
}
