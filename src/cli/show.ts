import type { Command } from 'commander';
import { openResults } from '../storage/open-results.js';
import { findTrial } from '../report/find-records.js';
import { sweptParams } from '../report/swept-params.js';
import { renderTrialDetail } from '../report/trial-detail.js';
import { resolveDbPath } from './db-path.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description("one trial: parameters, status and reason, final metrics, learning curves per epoch")
    .argument('<trial_id>', "the trial's id (the 'trial' column of tfsweep top)")
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (id: string, flags: { db?: string }) => {
      const store = openResults(resolveDbPath(flags.db));
      try {
        const trial = await findTrial(store, id);
        const sweep = (await store.getSweepById(trial.sweep_id))!;
        const text = renderTrialDetail(
          { sweep, trial, epochs: await store.getEpochs(trial.id), swept: sweptParams(await store.listTrials(sweep.id)) },
          { ascii: !process.stdout.isTTY },
        );
        process.stdout.write(`${text}\n`);
      } finally {
        await store.close();
      }
    });
}
