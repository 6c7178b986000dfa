import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addHalvingSweep, runTinySweep, type ResultsProject } from '../helpers/results-db.js';
import { runCli, tempDir } from '../helpers/cli.js';

let p: ResultsProject;

before(async () => {
  p = await runTinySweep();
  await addHalvingSweep(p.dbPath);
});

after(() => p.cleanup());

test('ls lists every sweep with counts per status, best metric, epochs and times', async () => {
  const r = await p.cli(['ls']);
  assert.equal(r.code, 0, r.stderr);
  const [best] = p.sql<{ id: number; v: number }>("SELECT trial_id id, max(val_r2) v FROM results WHERE sweep = 'tiny'");
  const tiny = r.stdout.split('\n').find((l) => l.includes('| tiny '));
  assert.ok(tiny, r.stdout);
  assert.match(tiny, /\| completed \|/);
  assert.match(tiny, /8: 8 completed/);
  assert.match(tiny, new RegExp(`val_r2 ${best.v.toFixed(4)} \\(trial ${best.id}\\)`));
  // The backend the trials ran on, as they recorded it.
  assert.match(tiny, /48 \/ 48 \(100%\) +\| wasm +\|/);
  assert.match(tiny, /\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // Early termination shows as epochs trained against the full grid's (4 trials x 4 epochs).
  const halving = r.stdout.split('\n').find((l) => l.includes('| halving '));
  assert.ok(halving, r.stdout);
  assert.match(halving, /4: 1 completed, 1 failed, 1 diverged, 1 pruned/);
  assert.match(halving, /7 \/ 16 \(44%\)/);
});

test('ls --format json gives the same facts as data', async () => {
  const r = await p.cli(['ls', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  assert.deepEqual(rows.map((x) => x.sweep), ['tiny', 'halving']);
  assert.equal(rows[0].trials, 8);
  assert.equal(rows[0].completed, 8);
  assert.equal(rows[0].epochs_trained, 48);
  assert.equal(rows[1].pruned, 1);
  assert.equal(rows[1].epochs_full_grid, 16);
  assert.deepEqual([rows[0].backend, rows[1].backend], ['wasm', 'cpu']);
  assert.equal(typeof rows[0].created_at, 'string');
});

test('ls without a database says how to make one (exit 1)', async () => {
  const r = await runCli(['ls'], { cwd: tempDir() });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no results database .*tfsweep run/);
});
