import { tokenizeSql, type SqlToken } from './sql-tokens.js';

/**
 * The read-only guard of `tfsweep query`, on the SQL text, before SQLite sees it. It is
 * one of three layers: the connection is opened read-only with `query_only`, and the
 * prepared statement must report itself read-only (sqlite3_stmt_readonly). This layer
 * exists for what those two let through or do badly: ATTACH and DETACH (read-only by
 * SQLite's definition, yet they open other files), VACUUM INTO (creates its target file
 * before failing), PRAGMAs that set a value with `name(value)` (`query_only(0)` counts
 * as read-only), load_extension, several statements at once, and a clear reason.
 */

/** Statements a query may start with. */
const QUERY_LEADERS = new Set(['SELECT', 'WITH', 'VALUES', 'EXPLAIN', 'PRAGMA']);

const WRITE_WORDS: Record<string, string> = {
  INSERT: 'INSERT writes to the database',
  UPDATE: 'UPDATE writes to the database',
  DELETE: 'DELETE writes to the database',
  REPLACE: 'REPLACE writes to the database',
  DROP: 'DROP changes the schema',
  CREATE: 'CREATE changes the schema',
  ALTER: 'ALTER changes the schema',
  REINDEX: 'REINDEX rewrites indexes',
  ANALYZE: 'ANALYZE writes statistics tables',
  VACUUM: 'VACUUM rewrites the database (VACUUM INTO writes a new file)',
  ATTACH: 'ATTACH opens another database file',
  DETACH: 'DETACH changes the attached databases',
  LOAD_EXTENSION: 'load_extension loads native code into the database engine',
};

const TRANSACTION_WORDS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

/** PRAGMAs that only report; the first group may take an argument (which names a table or index). */
const PRAGMAS_WITH_ARGUMENT = new Set([
  'TABLE_INFO', 'TABLE_XINFO', 'TABLE_LIST', 'INDEX_LIST', 'INDEX_INFO', 'INDEX_XINFO', 'FOREIGN_KEY_LIST',
  'FOREIGN_KEY_CHECK', 'INTEGRITY_CHECK', 'QUICK_CHECK',
]);
const PRAGMAS_WITHOUT_ARGUMENT = new Set([
  'APPLICATION_ID', 'USER_VERSION', 'SCHEMA_VERSION', 'DATA_VERSION', 'PAGE_SIZE', 'PAGE_COUNT', 'FREELIST_COUNT',
  'ENCODING', 'FOREIGN_KEYS', 'COMPILE_OPTIONS', 'COLLATION_LIST', 'DATABASE_LIST', 'FUNCTION_LIST', 'MODULE_LIST',
  'PRAGMA_LIST',
]);

export const READ_ONLY_HINT = 'tfsweep query runs one read-only statement: SELECT, WITH, VALUES, EXPLAIN or a reporting PRAGMA';

/** Why the SQL is refused (a short reason), or null when it may be prepared. Pure. */
export function sqlRefusal(sql: string): string | null {
  const tokens = tokenizeSql(sql);
  const statements = splitStatements(tokens);
  if (statements.length === 0) return 'the query is empty';
  if (statements.length > 1) return `${statements.length} statements given, one at a time please`;
  const stmt = statements[0];
  const first = stmt[0];
  // A PRAGMA's value may be a keyword (`journal_mode = DELETE`): judged by its own rules.
  if (first.kind === 'word' && first.text === 'PRAGMA') return pragmaRefusal(stmt);
  for (let i = 0; i < stmt.length; i++) {
    const t = stmt[i];
    if (t.kind !== 'word' || !WRITE_WORDS[t.text]) continue;
    // replace(x, from, to) is a string function, not the REPLACE statement.
    if (t.text === 'REPLACE' && i > 0 && stmt[i + 1]?.text === '(') continue;
    return WRITE_WORDS[t.text];
  }
  if (first.kind !== 'word' || !QUERY_LEADERS.has(first.text)) {
    const what = first.kind === 'word' && TRANSACTION_WORDS.has(first.text) ? `${first.text} (transaction control)` : `'${first.text}'`;
    return `${what} is not a query`;
  }
  return null;
}

function pragmaRefusal(stmt: SqlToken[]): string | null {
  // PRAGMA [schema.]name [= value | (argument)]
  let k = 1;
  if (stmt[k + 1]?.text === '.') k += 2;
  const name = stmt[k]?.text ?? '';
  const rest = stmt.slice(k + 1);
  if (rest.some((t) => t.kind === 'punct' && t.text === '=')) return `PRAGMA ${name.toLowerCase()} = ... sets a value`;
  const hasArgument = rest.length > 0;
  if (PRAGMAS_WITH_ARGUMENT.has(name) || (!hasArgument && PRAGMAS_WITHOUT_ARGUMENT.has(name))) return null;
  return `PRAGMA ${name.toLowerCase()}${hasArgument ? '(...)' : ''} is not one of the reporting PRAGMAs allowed`;
}

/** Tokens split at `;`, empty statements dropped. */
function splitStatements(tokens: SqlToken[]): SqlToken[][] {
  const out: SqlToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === ';') out.push([]);
    else out[out.length - 1].push(t);
  }
  return out.filter((s) => s.length > 0);
}
