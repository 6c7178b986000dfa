import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { findSweep } from '../report/find-records.js';
import { openStore } from '../storage/sqlite/sqlite-store.js';
import type { SweepRecord } from '../storage/store.js';
import { resolveDbPath } from './db-path.js';

interface RmFlags {
  db?: string;
  yes?: boolean;
  allFailed?: boolean;
}

/**
 * `tfsweep rm <sweep> --yes` removes a sweep with its trials, epochs and weights (one
 * transaction each); `--all-failed` removes every sweep whose status is `failed`. Without
 * --yes nothing is removed: it says what would be, exit 2. A sweep a live run owns is refused.
 */
export function registerRm(program: Command): void {
  program
    .command('rm')
    .description('remove a sweep and its trials, epochs and weights (--all-failed: every failed sweep)')
    .argument('[sweep]', 'sweep name (tfsweep ls lists them)')
    .option('--yes', 'remove without asking')
    .option('--all-failed', 'remove every sweep whose status is failed')
    .option('--db <path>', 'results database (default: $TFSWEEP_DB, else the nearest results/tfsweep.db here or in a parent folder)')
    .action(async (name: string | undefined, flags: RmFlags) => {
      if ((name === undefined) === !flags.allFailed) {
        throw new UsageError('name one sweep, or give --all-failed', 'E_USAGE');
      }
      const store = openStore(resolveDbPath(flags.db));
      try {
        const sweeps: SweepRecord[] = flags.allFailed
          ? (await store.listSweeps()).filter((s) => s.status === 'failed')
          : [await findSweep(store, name!)];
        if (sweeps.length === 0) {
          process.stdout.write('no failed sweep to remove\n');
          return;
        }
        const described = [];
        for (const s of sweeps) described.push(`'${s.name}' (${(await store.listTrials(s.id)).length} trials, ${s.status})`);
        if (!flags.yes) {
          throw new UsageError(`would remove ${described.join(', ')} with every trial, epoch and weight; add --yes to remove`, 'E_CONFIRM');
        }
        for (const [i, s] of sweeps.entries()) {
          await store.deleteSweep(s.id);
          process.stdout.write(`removed ${described[i]}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
