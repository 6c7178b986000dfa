import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where a sweep's results go when nothing says otherwise, relative to a folder. */
export const DEFAULT_DB = path.join('results', 'tfsweep.db');

/**
 * The results database, found the way git finds its repository: `--db`, else
 * $TFSWEEP_DB, else the nearest `results/tfsweep.db` in the working folder or one of its
 * parents, else `results/tfsweep.db` in the working folder (where `run` creates it).
 */
export function resolveDbPath(flag: string | undefined, cwd = process.cwd()): string {
  const given = flag ?? process.env.TFSWEEP_DB;
  if (given !== undefined) return path.resolve(cwd, given);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_DB);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  return path.resolve(cwd, DEFAULT_DB);
}
