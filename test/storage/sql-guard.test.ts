import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqlRefusal } from '../../src/storage/sqlite/sql-guard.js';
import { tokenizeSql } from '../../src/storage/sqlite/sql-tokens.js';

test('the tokenizer keeps strings, quoted names and comments out of the keywords', () => {
  const tokens = tokenizeSql(`SELECT 'it''s DELETE' AS "drop", [update] -- DELETE\n FROM t /* VACUUM */;`);
  assert.deepEqual(tokens.map((t) => `${t.kind}:${t.text}`), [
    'word:SELECT', "string:it's DELETE", 'word:AS', 'quoted:drop', 'punct:,', 'quoted:update', 'word:FROM', 'word:T', 'punct:;',
  ]);
});

test('read-only statements pass', () => {
  for (const sql of [
    "SELECT normalization, avg(val_r2) FROM results WHERE sweep = 'quickstart' GROUP BY 1",
    'with x as (select 1) select * from x',
    'VALUES (1), (2)',
    'EXPLAIN QUERY PLAN SELECT * FROM trials',
    'SELECT 1;',
    'SELECT 1; -- done',
    '  /* a comment */ SELECT "delete" FROM t',
    "SELECT replace(name, 'a', 'b') FROM sweeps",
    'PRAGMA table_info(trials)',
    'PRAGMA main.table_info(trials)',
    'PRAGMA user_version',
    'PRAGMA integrity_check',
    "SELECT * FROM pragma_table_info('trials')",
  ]) assert.equal(sqlRefusal(sql), null, sql);
});

test('writes, file operations, setting PRAGMAs, extensions and several statements are refused with a reason', () => {
  const cases: [string, RegExp][] = [
    ['DELETE FROM trials', /^DELETE writes to the database$/],
    ['  delete from trials', /DELETE writes/],
    ['/* hi */ UPDATE trials SET status = 1', /UPDATE writes/],
    ["WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", /INSERT writes/],
    ['REPLACE INTO t VALUES (1)', /REPLACE writes/],
    ['CREATE TEMP TABLE t (x)', /CREATE changes the schema/],
    ['DROP VIEW results', /DROP changes the schema/],
    ["ATTACH 'x.db' AS x", /ATTACH opens another database file/],
    ['DETACH x', /DETACH/],
    ["VACUUM INTO 'copy.db'", /VACUUM INTO writes a new file/],
    ['REINDEX', /REINDEX/],
    ['ANALYZE', /ANALYZE/],
    ["SELECT load_extension('x.so')", /load_extension loads native code/],
    ['PRAGMA user_version = 3', /PRAGMA user_version = \.\.\. sets a value/],
    ['PRAGMA journal_mode = DELETE', /journal_mode = \.\.\. sets a value/],
    ['PRAGMA query_only(0)', /query_only\(\.\.\.\) is not one of the reporting PRAGMAs/],
    ['PRAGMA user_version(3)', /user_version\(\.\.\.\)/],
    ['PRAGMA wal_checkpoint', /wal_checkpoint is not one of/],
    ['PRAGMA optimize', /optimize is not one of/],
    ['SELECT 1; SELECT 2', /^2 statements given/],
    ['BEGIN', /BEGIN \(transaction control\) is not a query/],
    ['COMMIT', /COMMIT \(transaction control\)/],
    ['(SELECT 1)', /'\(' is not a query/],
    ['', /the query is empty/],
    ['-- only a comment', /the query is empty/],
  ];
  for (const [sql, why] of cases) assert.match(sqlRefusal(sql) ?? 'accepted', why, sql);
});
