import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runTinySweep, type ResultsProject } from '../helpers/results-db.js';

let p: ResultsProject;

before(async () => {
  p = await runTinySweep();
});

after(() => p.cleanup());

test('export --format json: every trial with its parameters and final metrics, as stored', async () => {
  const r = await p.cli(['export', 'tiny', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
  const stored = p.sql<Record<string, unknown>>("SELECT * FROM results WHERE sweep = 'tiny' ORDER BY idx");
  assert.equal(rows.length, 8);
  rows.forEach((row, i) => {
    const s = stored[i];
    for (const col of ['trial_id', 'idx', 'trial_key', 'status', 'normalization', 'optimizer', 'seed', 'learning_rate', 'param_loss',
      'val_r2', 'val_mse', 'loss', 'identity_hits', 'epochs_done', 'best_epoch', 'backend']) {
      assert.deepEqual(row[col], s[col], `trial ${s.trial_id} ${col}`);
    }
    assert.equal(row.warnings, s.warnings);
  });
  // The `loss` knob and the `loss` metric both survive, named as in the results view.
  assert.equal(rows[0].param_loss, 'mse');
  assert.equal(typeof rows[0].loss, 'number');
});

test('export --format csv: a header and one line per trial, same columns as json', async () => {
  const r = await p.cli(['export', 'tiny', '--format', 'csv']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 9);
  const header = lines[0].split(',');
  const json = JSON.parse((await p.cli(['export', 'tiny', '--format', 'json'])).stdout) as Record<string, unknown>[];
  assert.deepEqual(header, Object.keys(json[0]));
  const first = lines[1].split(',');
  assert.equal(first[header.indexOf('val_r2')], String(json[0].val_r2));
  assert.equal(first[header.indexOf('activity_regularizer')], 'none');
});

test('export --epochs: one row per trial and epoch', async () => {
  const r = await p.cli(['export', 'tiny', '--format', 'json', '--epochs']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as Record<string, number | string>[];
  const stored = p.sql<Record<string, number>>(
    "SELECT e.* FROM epoch_results e JOIN trials t ON t.id = e.trial_id WHERE e.sweep = 'tiny' ORDER BY t.idx, e.epoch",
  );
  assert.equal(rows.length, 48);
  rows.forEach((row, i) => {
    for (const col of ['trial_id', 'epoch', 'loss', 'val_loss', 'val_mse', 'val_r2', 'seconds']) assert.equal(row[col], stored[i][col]);
  });
  assert.ok('normalization' in rows[0]);
  const csv = await p.cli(['export', 'tiny', '--format', 'csv', '--epochs']);
  assert.equal(csv.stdout.trim().split('\n').length, 49);
});

test('export -o writes a file, asks for --overwrite when it exists, and infers json from the name', async () => {
  const out = path.join(p.dir, 'out', 'trials.csv');
  const first = await p.cli(['export', 'tiny', '-o', out]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /wrote 8 trial rows to .*trials\.csv/);
  assert.equal(first.stdout, '');
  assert.match(readFileSync(out, 'utf8'), /^sweep,trial_id,/);

  writeFileSync(out, 'keep me');
  const refused = await p.cli(['export', 'tiny', '--format', 'csv', '-o', out]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /already exists; add --overwrite/);
  assert.equal(readFileSync(out, 'utf8'), 'keep me');

  const replaced = await p.cli(['export', 'tiny', '--format', 'csv', '-o', out, '--overwrite']);
  assert.equal(replaced.code, 0, replaced.stderr);
  assert.ok(statSync(out).size > 100);

  const json = path.join(p.dir, 'epochs.json');
  assert.equal((await p.cli(['export', 'tiny', '--epochs', '-o', json])).code, 0);
  assert.equal((JSON.parse(readFileSync(json, 'utf8')) as unknown[]).length, 48);
});

test('export refuses an unknown sweep or format with exit 2', async () => {
  const sweep = await p.cli(['export', 'nope', '--format', 'csv']);
  assert.equal(sweep.code, 2);
  assert.match(sweep.stderr, /no sweep named 'nope'/);
  const format = await p.cli(['export', 'tiny', '--format', 'xlsx']);
  assert.equal(format.code, 2);
});
