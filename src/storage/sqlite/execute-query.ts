import { TfsweepError } from '../../errors.js';
import { openStore, type SqliteStore } from './sqlite-store.js';
import type { QueryReply, QueryRequest } from './query-messages.js';
import type { Cell } from '../../core/row-set.js';
import { READ_ONLY_HINT, sqlRefusal } from './sql-guard.js';

/**
 * Runs one user statement on a read-only connection, behind three layers: the text guard
 * (sql-guard.ts), a connection opened read-only with `query_only = ON`, and SQLite's own
 * verdict on the prepared statement (`stmt.readonly`). Never throws: every outcome is a
 * QueryReply, so it crosses the process boundary as plain data.
 */
export function executeQuery(req: QueryRequest): QueryReply {
  const refusal = sqlRefusal(req.sql);
  if (refusal) return refused(refusal);
  let store: SqliteStore;
  try {
    store = openStore(req.dbPath, { readonly: true });
  } catch (e) {
    if (e instanceof TfsweepError) return { ok: false, code: e.code, message: e.message, exitCode: e.exitCode };
    return { ok: false, code: 'E_QUERY', message: (e as Error)?.message ?? String(e), exitCode: 1 };
  }
  try {
    const db = store.db;
    db.pragma('query_only = ON');
    const stmt = db.prepare(req.sql);
    if (!stmt.readonly) return refused('the statement would write to the database');
    if (!stmt.reader) {
      stmt.run();
      return { ok: true, columns: [], rows: [] };
    }
    const columns = stmt.columns().map((c) => c.name);
    return { ok: true, columns, rows: stmt.raw(true).all() as Cell[][] };
  } catch (e) {
    return { ok: false, code: 'E_SQL', message: `SQL error: ${(e as Error).message}`, exitCode: 2 };
  } finally {
    store.closeNow();
  }
}

function refused(why: string): QueryReply {
  return {
    ok: false,
    code: 'E_SQL_REFUSED',
    message: `refused: ${why}. ${READ_ONLY_HINT}; nothing was run and the database is unchanged.`,
    exitCode: 2,
  };
}
