import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { registerMetric } from '../../src/core/metric-registry.js';
import { NEW_METRIC } from './cli-with-metric.js';
import { loadMigrations } from '../../src/storage/sqlite/migrations.js';
import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import { completed, sweepInput, tempDir } from '../storage/helpers.js';

/**
 * A metric added in one place (the registry, plus the values a task reports under its
 * name) shows in `top`, `query`, `export` and the HTML report, with no migration: the
 * database's schema version is the same before and after it is stored.
 */

const { dir, cleanup } = tempDir();
const dbPath = join(dir, 'results.db');
after(cleanup);

const CLI = fileURLToPath(new URL('./cli-with-metric.js', import.meta.url));

/** Runs the CLI in a child process that registered the metric; returns its stdout (throws on a non-zero exit). */
async function cli(args: string[]): Promise<string> {
  const r = spawnSync(process.execPath, [CLI, ...args, '--db', dbPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

before(async () => {
  // The one place: what a task that computes the largest absolute validation error would register.
  registerMetric(NEW_METRIC);
  const store = openStore(dbPath);
  const version = store.db.pragma('user_version', { simple: true });
  const { sweep } = await store.openSweep(sweepInput({ name: 'maxerr', metric: { name: 'val_max_error', goal: 'minimize' } }));
  const trials = await store.listTrials(sweep.id);
  // What the task reports: its value at every epoch and in the final metrics.
  for (const [i, t] of trials.entries()) {
    const result = completed(2);
    result.epochs = result.epochs.map((e) => ({ ...e, val_max_error: 10 * (i + 1) + e.epoch }));
    result.final = { ...result.final!, val_max_error: 10 * (i + 1) + 2 };
    await store.claimTrials([t.id], { worker: 'test', ms: 60_000 }, 'cpu');
    await store.finishTrial(t.id, result, 1);
  }
  assert.equal(store.db.pragma('user_version', { simple: true }), version, 'no migration');
  assert.equal(version, loadMigrations().length);
  await store.close();
});

test('top ranks by the new metric', async () => {
  const out = await cli(['top', 'maxerr', '--format', 'json']);
  const rows = JSON.parse(out) as Record<string, unknown>[];
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((r) => r.val_max_error), [12, 22, 32, 42, 52, 62]);
});

test('query selects it as a typed column of results and epoch_results', async () => {
  const out = await cli(['query', "SELECT idx, val_max_error FROM results WHERE sweep = 'maxerr' ORDER BY idx", '--format', 'json']);
  assert.deepEqual(JSON.parse(out), [0, 1, 2, 3, 4, 5].map((idx) => ({ idx, val_max_error: 10 * (idx + 1) + 2 })));
  const epochs = await cli(['query', "SELECT epoch, val_max_error FROM epoch_results WHERE sweep = 'maxerr' AND trial_id = 1", '--format', 'json']);
  assert.deepEqual(JSON.parse(epochs), [{ epoch: 1, val_max_error: 11 }, { epoch: 2, val_max_error: 12 }]);
});

test('export has it per trial and per epoch', async () => {
  const trials = JSON.parse(await cli(['export', 'maxerr', '--format', 'json'])) as Record<string, unknown>[];
  assert.deepEqual(trials.map((r) => r.val_max_error), [12, 22, 32, 42, 52, 62]);
  const epochs = JSON.parse(await cli(['export', 'maxerr', '--format', 'json', '--epochs'])) as Record<string, unknown>[];
  assert.deepEqual(epochs.slice(0, 2).map((r) => r.val_max_error), [11, 12]);
});

test('the report ranks by it and shows it in the table and the curves', async () => {
  const file = join(dir, 'report.html');
  await cli(['report', 'maxerr', '-o', file]);
  const html = readFileSync(file, 'utf8');
  assert.match(html, /Ranked by <b>val_max_error<\/b> \(minimize\)/);
  assert.match(html, /<th>val_max_error<\/th>/);
  assert.match(html, /"curveMetric":"val_max_error"/);
});

test(`an unknown name is still refused by top`, async () => {
  await assert.rejects(cli(['top', 'maxerr', '--metric', 'val_nothing']), /unknown metric 'val_nothing'/);
});
