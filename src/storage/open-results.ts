import { openStore } from './sqlite/sqlite-store.js';
import type { ResultsReader } from './store.js';

/**
 * The results of a database, read-only, for result commands and library users: they
 * see the reader contract only, never the engine behind it. Today a SQLite file path.
 */
export function openResults(location: string): ResultsReader {
  return openStore(location, { readonly: true });
}
