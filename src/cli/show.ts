import type { Command } from 'commander';
import { openStore } from '../store/sqlite-store.js';
import { findTrial } from '../report/find-records.js';
import { sweptParams } from '../report/swept-params.js';
import { renderTrialDetail } from '../report/trial-detail.js';
import { resolveDbPath } from './db-path.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description("one trial: parameters, status and reason, final metrics, learning curves per epoch")
    .argument('<trial_id>', "the trial's id (the 'trial' column of tfsweep top)")
    .option('--db <path>', 'results database (default: $TFSWEEP_DB or results/tfsweep.db)')
    .action((id: string, flags: { db?: string }) => {
      const store = openStore(resolveDbPath(flags.db), { readonly: true });
      try {
        const trial = findTrial(store, id);
        const sweep = store.getSweepById(trial.sweep_id)!;
        const text = renderTrialDetail(
          { sweep, trial, epochs: store.getEpochs(trial.id), swept: sweptParams(store.listTrials(sweep.id)) },
          { ascii: !process.stdout.isTTY },
        );
        process.stdout.write(`${text}\n`);
      } finally {
        store.close();
      }
    });
}
