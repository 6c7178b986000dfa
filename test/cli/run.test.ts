import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { runCli, startCli, collect, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';

function db(dir: string): Database.Database {
  return new Database(path.join(dir, 'results', 'tfsweep.db'), { readonly: true });
}

/** Per trial (by plan index): status and learning curve, as comparable text. */
function metricsByIdx(dir: string): Map<number, string> {
  const d = db(dir);
  const rows = d
    .prepare(`SELECT t.idx, t.status,
                (SELECT json_group_array(json_array(e.epoch, e.loss, e.val_r2))
                   FROM (SELECT * FROM epoch_results WHERE trial_id = t.id ORDER BY epoch) e) AS curve
              FROM trials t ORDER BY t.idx`)
    .all() as { idx: number; status: string; curve: string }[];
  d.close();
  return new Map(rows.map((r) => [r.idx, `${r.status} ${r.curve}`]));
}

function count(dir: string, sql: string): number {
  const d = db(dir);
  const n = (d.prepare(sql).get() as { n: number }).n;
  d.close();
  return n;
}

function waitForOutput(child: ReturnType<typeof startCli>, needle: string): Promise<void> {
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes(needle)) resolve();
    });
  });
}

test('a full run lands every trial, epoch and weight, and the results view answers SQL', async () => {
  const dir = tempProject({ 'tiny.yaml': tinySpec() });
  const r = await runCli(['run', 'tiny.yaml', '--workers', '2'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Top 4 of tiny by val_r2/);
  // The header names the backend the workers load, not the choice (`auto`).
  assert.match(r.stderr, /^sweep tiny: 4 trials, 0 already done, 2 worker\(s\), backend wasm$/m);
  const d = db(dir);
  const sweeps = d.prepare('SELECT name, status FROM sweeps').all() as { name: string; status: string }[];
  assert.deepEqual(sweeps, [{ name: 'tiny', status: 'completed' }]);
  assert.equal((d.prepare("SELECT count(*) n FROM trials WHERE status = 'completed'").get() as { n: number }).n, 4);
  assert.equal((d.prepare('SELECT count(*) n FROM epochs').get() as { n: number }).n, 4 * 3);
  assert.equal((d.prepare('SELECT count(*) n FROM weights').get() as { n: number }).n, 4);
  const byNorm = d
    .prepare("SELECT normalization, avg(val_r2) AS r2 FROM results WHERE sweep = 'tiny' GROUP BY 1 ORDER BY 1")
    .all() as { normalization: string; r2: number }[];
  assert.deepEqual(byNorm.map((x) => x.normalization), ['none', 'sample']);
  // The seed's lesson at small scale: per-row normalization learns the shape, none does not.
  assert.ok(byNorm[1].r2 > byNorm[0].r2, JSON.stringify(byNorm));
  const backends = d.prepare('SELECT DISTINCT backend FROM trials').all() as { backend: string }[];
  assert.deepEqual(backends.map((b) => b.backend), ['wasm']);
  d.close();

  // Rerunning a finished sweep trains nothing and changes nothing.
  const before = metricsByIdx(dir);
  const again = await runCli(['run', 'tiny.yaml', '--json'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stdout, /trial_started/);
  assert.deepEqual(metricsByIdx(dir), before);
});

test('a changed spec under the same name is refused, and --force starts a new sweep', async () => {
  const dir = tempProject({ 'tiny.yaml': tinySpec({ epochs: 1 }) });
  assert.equal((await runCli(['run', 'tiny.yaml'], { cwd: dir })).code, 0);
  writeFileSync(path.join(dir, 'tiny.yaml'), tinySpec({ epochs: 2 }));
  const refused = await runCli(['run', 'tiny.yaml'], { cwd: dir });
  assert.equal(refused.code, 2, "a changed spec is the user's to resolve: a usage error");
  assert.match(refused.stderr, /different spec/);
  assert.match(refused.stderr, /- 12: +epochs: \{value: 1\}/);
  assert.match(refused.stderr, /\+ 12: +epochs: \{value: 2\}/);
  assert.match(refused.stderr, /--force/);
  const forced = await runCli(['run', 'tiny.yaml', '--force'], { cwd: dir });
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(count(dir, 'SELECT count(*) n FROM sweeps'), 2);
});

test('kill -9 mid-run, then rerun: every trial exactly once, same metrics as an uninterrupted run', async () => {
  const spec = tinySpec({
    rows: 2000,
    epochs: 6,
    parameters: '  optimizer: {values: [sgd, adam]}\n  normalization: {values: [none, sample, feature]}',
  });
  const ref = tempProject({ 'tiny.yaml': spec });
  assert.equal((await runCli(['run', 'tiny.yaml', '--workers', '1'], { cwd: ref })).code, 0);

  const dir = tempProject({ 'tiny.yaml': spec });
  const child = startCli(['run', 'tiny.yaml', '--workers', '1', '--json'], { cwd: dir });
  const done = collect(child);
  await waitForOutput(child, '"trial_finished"');
  child.kill('SIGKILL');
  const killed = await done;
  assert.equal(killed.signal, 'SIGKILL');
  assert.ok(count(dir, "SELECT count(*) n FROM trials WHERE status != 'completed'") > 0, 'the kill came too late');

  const rerun = await runCli(['run', 'tiny.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual(metricsByIdx(dir), metricsByIdx(ref));
  assert.equal(count(dir, 'SELECT count(*) n FROM trials'), 6);
  assert.equal(count(dir, 'SELECT count(*) n FROM epochs'), 6 * 6);
  const d = db(dir);
  assert.equal((d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  d.close();
});

test('SIGINT stops within seconds with exit 130 and leaves no running trial; the rerun finishes', async () => {
  const dir = tempProject({ 'tiny.yaml': tinySpec({ rows: 4000, epochs: 30 }) });
  const child = startCli(['run', 'tiny.yaml', '--workers', '2', '--json'], { cwd: dir });
  const done = collect(child);
  await waitForOutput(child, '"trial_started"');
  await new Promise((r) => setTimeout(r, 500));
  const t0 = Date.now();
  child.kill('SIGINT');
  const r = await done;
  const took = Date.now() - t0;
  assert.equal(r.code, 130, r.stderr);
  assert.ok(took < 5000, `took ${took} ms to stop`);
  assert.equal(count(dir, "SELECT count(*) n FROM trials WHERE status = 'running'"), 0);
  assert.ok(count(dir, "SELECT count(*) n FROM trials WHERE status = 'interrupted'") >= 1);
});

test('a trial that throws, and a worker that exits, are recorded and the sweep goes on', async () => {
  const model = `export function build(params, tf) {
  if (params.seed === 2) throw new Error('model refuses seed 2');
  if (params.seed === 3) process.exit(7);
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 8, inputShape: [8] }));
  return m;
}
`;
  const spec = tinySpec({ epochs: 1, model: '  module: ./model.mjs', parameters: '  seed: {values: [1, 2, 3, 4]}' });
  const dir = tempProject({ 'tiny.yaml': spec, 'model.mjs': model });
  const r = await runCli(['run', 'tiny.yaml', '--workers', '2', '--retries', '1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const d = db(dir);
  const rows = d
    .prepare("SELECT json_extract(params_json, '$.seed') seed, status, attempt, error FROM trials ORDER BY idx")
    .all() as { seed: number; status: string; attempt: number; error: string | null }[];
  d.close();
  assert.deepEqual(rows.map((x) => [x.seed, x.status]), [[1, 'completed'], [2, 'failed'], [3, 'failed'], [4, 'completed']]);
  assert.match(rows[1].error ?? '', /model refuses seed 2/);
  assert.match(rows[2].error ?? '', /worker died/);
  assert.equal(rows[2].attempt, 2, 'a dead worker is retried --retries times');
});

test('2 workers give the same metrics as 1', async () => {
  const spec = tinySpec({ rows: 600 });
  const one = tempProject({ 'tiny.yaml': spec });
  const two = tempProject({ 'tiny.yaml': spec });
  assert.equal((await runCli(['run', 'tiny.yaml', '--workers', '1'], { cwd: one })).code, 0);
  assert.equal((await runCli(['run', 'tiny.yaml', '--workers', '2'], { cwd: two })).code, 0);
  assert.deepEqual(metricsByIdx(two), metricsByIdx(one));
});

test('--reuse copies trials completed in another sweep instead of training them', async () => {
  const dir = tempProject({ 'a.yaml': tinySpec({ name: 'a' }), 'b.yaml': tinySpec({ name: 'b' }) });
  assert.equal((await runCli(['run', 'a.yaml'], { cwd: dir })).code, 0);
  const r = await runCli(['run', 'b.yaml', '--reuse', '--json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const start = JSON.parse(r.stdout.split('\n')[0]);
  assert.equal(start.reused, 4);
  assert.doesNotMatch(r.stdout, /trial_started/);
  const d = db(dir);
  const pairs = d
    .prepare(`SELECT a.val_r2 AS a, b.val_r2 AS b FROM results a JOIN results b
              ON a.trial_key = b.trial_key AND a.sweep = 'a' AND b.sweep = 'b'`)
    .all() as { a: number; b: number }[];
  d.close();
  assert.equal(pairs.length, 4);
  for (const p of pairs) assert.equal(p.a, p.b);
  assert.equal(count(dir, 'SELECT count(*) n FROM epochs'), 2 * 4 * 3);
});

test('a second run of a sweep that a live process owns is refused and names the process', async () => {
  const dir = tempProject({ 'tiny.yaml': tinySpec({ rows: 4000, epochs: 20 }) });
  const first = startCli(['run', 'tiny.yaml', '--workers', '1', '--json'], { cwd: dir });
  const firstDone = collect(first);
  await waitForOutput(first, '"trial_started"');
  const second = await runCli(['run', 'tiny.yaml'], { cwd: dir });
  first.kill('SIGINT');
  await firstDone;
  assert.equal(second.code, 1, second.stderr);
  assert.match(second.stderr, new RegExp(String(first.pid)));
});
