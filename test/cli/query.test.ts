import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { addHalvingSweep, runTinySweep, type ResultsProject } from '../helpers/results-db.js';
import { collect, startCli } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';

let p: ResultsProject;

before(async () => {
  p = await runTinySweep();
  await addHalvingSweep(p.dbPath);
});

after(() => p.cleanup());

/** The database's bytes: the main file and its WAL (a missing WAL counts as empty), hashed. */
function fingerprint(): string {
  const h = createHash('sha256').update(readFileSync(p.dbPath));
  const wal = `${p.dbPath}-wal`;
  h.update('|wal|').update(existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0));
  return h.digest('hex');
}

const RUNAWAY = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c';

test('query answers the day-one SQL in table, csv and json', async () => {
  const sql = "SELECT normalization, avg(val_r2) AS r2, count(*) AS n FROM results WHERE sweep = 'tiny' GROUP BY 1 ORDER BY 1";
  const expected = p.sql<{ normalization: string; r2: number; n: number }>(sql);
  const table = await p.cli(['query', sql]);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /\| normalization \| r2 +\| n \|/);
  assert.match(table.stdout, new RegExp(`\\| sample +\\| ${String(expected[1].r2).replace('.', '\\.')} +\\| 4 \\|`));
  assert.match(table.stdout, /\(2 rows\)/);
  const csv = await p.cli(['query', sql, '--format', 'csv']);
  assert.equal(csv.stdout, `normalization,r2,n\n${expected.map((e) => `${e.normalization},${e.r2},${e.n}`).join('\n')}\n`);
  const json = await p.cli(['query', sql, '--format', 'json']);
  assert.deepEqual(JSON.parse(json.stdout), expected);
  const info = await p.cli(['query', 'PRAGMA table_info(epoch_results)', '--format', 'json']);
  assert.equal(info.code, 0, info.stderr);
  assert.ok(JSON.parse(info.stdout).some((c: { name: string }) => c.name === 'val_r2'));
  const blob = await p.cli(['query', 'SELECT trial_id, weight_data FROM weights LIMIT 1']);
  assert.match(blob.stdout, /<blob \d+ bytes>/);
});

test('anything that writes is refused with exit 2 and the reason, and the file stays byte-identical', async () => {
  const before = fingerprint();
  const counts = p.sql('SELECT (SELECT count(*) FROM trials) t, (SELECT count(*) FROM epochs) e');
  const vacuumTarget = path.join(p.dir, 'copy.db');
  const refused: [string, RegExp][] = [
    ['DELETE FROM trials', /DELETE writes to the database/],
    ["UPDATE trials SET status = 'failed'", /UPDATE writes/],
    ["INSERT INTO sweeps (name) VALUES ('x')", /INSERT writes/],
    ["REPLACE INTO param_columns VALUES ('a', 'b')", /REPLACE writes/],
    ['DROP TABLE epochs', /DROP changes the schema/],
    ['CREATE TABLE t (x)', /CREATE changes the schema/],
    ['ALTER TABLE trials ADD COLUMN x', /ALTER changes the schema/],
    ["WITH x AS (SELECT 1) DELETE FROM trials WHERE id IN (SELECT * FROM x)", /DELETE writes/],
    [`ATTACH DATABASE '${path.join(p.dir, 'other.db')}' AS o`, /ATTACH opens another database file/],
    ['DETACH DATABASE main', /DETACH/],
    ['VACUUM', /VACUUM rewrites/],
    [`VACUUM INTO '${vacuumTarget}'`, /VACUUM rewrites the database \(VACUUM INTO writes a new file\)/],
    ['PRAGMA user_version = 7', /PRAGMA user_version = \.\.\. sets a value/],
    ['PRAGMA query_only(0)', /PRAGMA query_only\(\.\.\.\) is not one of the reporting PRAGMAs/],
    ['PRAGMA journal_mode = DELETE', /sets a value/],
    ['PRAGMA wal_checkpoint(TRUNCATE)', /not one of the reporting PRAGMAs/],
    ["SELECT load_extension('/tmp/evil.so')", /load_extension loads native code/],
    ['SELECT 1; DELETE FROM trials', /2 statements given/],
    ['BEGIN IMMEDIATE', /BEGIN \(transaction control\) is not a query/],
    ['  ', /the query is empty/],
  ];
  const results = await Promise.all(refused.map(([sql]) => p.cli(['query', sql])));
  results.forEach((r, i) => {
    const [sql, why] = refused[i];
    assert.equal(r.code, 2, `${sql}: ${r.stderr}`);
    assert.match(r.stderr, /^tfsweep: refused: /, sql);
    assert.match(r.stderr, why, sql);
    assert.match(r.stderr, /nothing was run and the database is unchanged/, sql);
  });
  assert.equal(existsSync(vacuumTarget), false, 'VACUUM INTO created no file');
  assert.equal(fingerprint(), before);
  assert.deepEqual(p.sql('SELECT (SELECT count(*) FROM trials) t, (SELECT count(*) FROM epochs) e'), counts);
  // Read-only SQL that merely mentions a write word in a string or a function still runs.
  const ok = await p.cli(['query', "SELECT replace('DELETE FROM trials', 'DELETE', 'keep') AS s", '--format', 'csv']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, 's\nkeep FROM trials\n');
});

test('an SQL error is a usage error (exit 2) that quotes SQLite', async () => {
  const r = await p.cli(['query', 'SELECT * FROM no_such_table']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /SQL error: no such table: no_such_table/);
});

test('a runaway query is stopped at --timeout and changes nothing', async () => {
  const before = fingerprint();
  const t0 = Date.now();
  const r = await p.cli(['query', RUNAWAY, '--timeout', '1']);
  const elapsed = (Date.now() - t0) / 1000;
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /query stopped after 1 s \(--timeout 1\)/);
  assert.ok(elapsed >= 1 && elapsed < 6, `stopped after ${elapsed} s`);
  assert.equal(fingerprint(), before);
});

test('a runaway query does not stall a sweep writing to the same database', async () => {
  writeFileSync(path.join(p.dir, 'second.yaml'), tinySpec({ name: 'second', epochs: 2, parameters: '  optimizer: {values: [sgd, adam]}' }));
  const query = startCli(['query', RUNAWAY, '--timeout', '60'], { cwd: p.dir });
  const queryDone = collect(query);
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  const run = await p.cli(['run', 'second.yaml', '--workers', '1']);
  const elapsed = (Date.now() - t0) / 1000;
  assert.equal(run.code, 0, run.stderr);
  assert.ok(elapsed < 30, `the sweep took ${elapsed} s beside the runaway query`);
  assert.equal(query.exitCode, null, 'the query was still running while the sweep wrote');
  assert.deepEqual(p.sql("SELECT status FROM sweeps WHERE name = 'second'"), [{ status: 'completed' }]);
  query.kill('SIGTERM');
  const q = await queryDone;
  assert.equal(q.code, 143, q.stderr);
  assert.match(q.stderr, /query interrupted by SIGTERM/);
});
