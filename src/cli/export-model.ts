import type { Command } from 'commander';
import { StoreError } from '../errors.js';
import { openResults } from '../storage/open-results.js';
import { findTrial } from '../report/find-records.js';
import { NORMALIZATION_HOWTO, writeModelFiles } from '../report/model-files.js';
import { resolveDbPath } from './db-path.js';

export function registerExportModel(program: Command): void {
  program
    .command('export-model')
    .description("write a completed trial's model as model.json + weights.bin for tf.loadLayersModel")
    .argument('<trial_id>', "the trial's id (the 'trial' column of tfsweep top)")
    .argument('<dir>', 'folder to write model.json and weights.bin into (created if missing)')
    .option('--overwrite', 'replace model.json and weights.bin if they exist')
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (id: string, dir: string, flags: { db?: string; overwrite?: boolean }) => {
      const store = openResults(resolveDbPath(flags.db));
      try {
        const trial = await findTrial(store, id);
        const weights = await store.getWeights(trial.id);
        if (!weights) {
          throw new StoreError(
            'E_NO_WEIGHTS',
            `trial ${trial.id} has no saved weights (status ${trial.status}); only completed trials keep their final weights`,
          );
        }
        const sweep = (await store.getSweepById(trial.sweep_id))!;
        const files = writeModelFiles(dir, weights, {
          sweep: sweep.name,
          trial_id: trial.id,
          trial_key: trial.trial_key,
          params: trial.params,
          metric: { name: sweep.metric_name, goal: sweep.metric_goal },
          final: trial.final,
          normalization: weights.normalization,
          normalization_howto: NORMALIZATION_HOWTO,
          ...(weights.classes ? { classes: weights.classes } : {}),
        }, !!flags.overwrite);
        process.stdout.write(`wrote ${files.join(' and ')} (trial ${trial.id} of '${sweep.name}', normalization ${weights.normalization.kind})\n`);
        if (weights.classes) {
          process.stdout.write(`a classifier of ${weights.classes.length} classes (userDefinedMetadata.tfsweep.classes, in output order)\n`);
        }
        if (weights.normalization.kind !== 'none') {
          process.stdout.write(`the model works in normalized units: apply userDefinedMetadata.tfsweep.normalization around predict() (see its normalization_howto)\n`);
        }
      } finally {
        await store.close();
      }
    });
}
