import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { recordFigure } from './harness.js';

/**
 * sha256 of the database file and of its WAL content. A read-only connection may leave an
 * empty WAL and a shared-memory index (-shm, SQLite's scratch space for readers) behind;
 * neither holds data, so an absent WAL and an empty one count as the same.
 */
function fingerprint(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) {
    if (f.endsWith('-shm')) continue;
    const bytes = readFileSync(path.join(dir, f));
    if (f.endsWith('-wal') && bytes.length === 0) continue;
    h.update(f).update(bytes);
  }
  return h.digest('hex');
}

const HOSTILE_SQL = [
  'DELETE FROM trials',
  "UPDATE trials SET status = 'failed'",
  "INSERT INTO sweeps(name) VALUES ('x')",
  'DROP TABLE epochs',
  'DROP VIEW results',
  'CREATE TABLE evil(x)',
  'CREATE TEMP TABLE evil(x)',
  'ALTER TABLE trials ADD COLUMN evil',
  'REPLACE INTO epochs(trial_id, epoch) VALUES (1, 99)',
  "ATTACH DATABASE '/tmp/tfsweep-evil.db' AS evil",
  'DETACH DATABASE main',
  "VACUUM INTO '/tmp/tfsweep-evil-copy.db'",
  'VACUUM',
  'PRAGMA journal_mode = DELETE',
  'PRAGMA user_version = 99',
  'PRAGMA query_only = 0',
  'PRAGMA writable_schema = ON',
  "SELECT load_extension('/tmp/evil.so')",
  'SELECT 1; DELETE FROM trials',
  'REINDEX',
  'ANALYZE',
  'BEGIN IMMEDIATE',
  'WITH x AS (SELECT 1) DELETE FROM trials',
];

test('hostile SQL: every write refused, a runaway CTE stopped at the timeout, the database byte-identical', async (t) => {
  const dir = tempProject({ 's.yaml': tinySpec({ name: 'sql', epochs: 1 }) });
  assert.equal((await runCli(['run', 's.yaml'], { cwd: dir })).code, 0);
  const results = path.join(dir, 'results');
  const before = fingerprint(results);
  const refused: string[] = [];
  for (const sql of HOSTILE_SQL) {
    const r = await runCli(['query', sql], { cwd: dir });
    assert.notEqual(r.code, 0, `accepted: ${sql}\n${r.stdout}`);
    assert.ok(r.stderr.trim().length > 0, `no message for: ${sql}`);
    refused.push(sql);
  }
  const t0 = performance.now();
  const runaway = await runCli(
    ['query', 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c', '--timeout', '2'],
    { cwd: dir },
  );
  const stoppedMs = performance.now() - t0;
  assert.notEqual(runaway.code, 0);
  assert.match(runaway.stderr, /timeout|time limit|timed out/i);
  assert.ok(stoppedMs < 6000, `runaway query took ${stoppedMs} ms to stop`);
  const ok = await runCli(['query', "SELECT count(*) AS n FROM results WHERE sweep = 'sql'", '--format', 'json'], { cwd: dir });
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), [{ n: 4 }]);
  assert.equal(fingerprint(results), before, 'the database files changed');
  assert.equal(existsSync('/tmp/tfsweep-evil-copy.db'), false);
  assert.equal(existsSync('/tmp/tfsweep-evil.db'), false);
  t.diagnostic(`${refused.length} hostile statements refused; runaway CTE stopped after ${stoppedMs.toFixed(0)} ms (timeout 2 s)`);
  recordFigure('hostile SQL', { statements: refused.length, refused: refused.length, runaway_stopped_ms: Math.round(stoppedMs), byte_identical: true });
});
