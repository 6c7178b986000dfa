import path from 'node:path';

/** The results database: --db, else $TFSWEEP_DB, else results/tfsweep.db under the working folder. */
export function resolveDbPath(flag: string | undefined): string {
  return path.resolve(flag ?? process.env.TFSWEEP_DB ?? path.join('results', 'tfsweep.db'));
}
