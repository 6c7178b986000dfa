import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * Writes `data` to `path` (creating its folder), refusing to replace an existing file
 * unless `overwrite`: UsageError `E_EXISTS` (exit 2). The check and the create are one
 * step (`wx`), so nothing else can slip in between.
 */
export function writeOutputFile(path: string, data: string | Uint8Array, overwrite: boolean): void {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, data, { flag: overwrite ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${path} already exists; add --overwrite to replace it`, 'E_EXISTS');
    }
    throw e;
  }
}
