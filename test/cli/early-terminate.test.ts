import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runCli, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';

const GRID = '  optimizer: {values: [sgd, adam]}\n  learning_rate: {values: [0.1, 0.01, 0.001]}\n  normalization: {values: [none, sample, feature]}';

function summary(dir: string, sweep: string) {
  const d = new Database(path.join(dir, 'results', 'tfsweep.db'), { readonly: true });
  const best = d
    .prepare(`SELECT trial_key, val_r2 FROM results WHERE sweep = ? AND status IN ('completed', 'pruned')
              ORDER BY val_r2 DESC, idx LIMIT 1`)
    .get(sweep) as { trial_key: string; val_r2: number };
  const epochs = d.prepare('SELECT sum(epochs_done) n FROM results WHERE sweep = ?').get(sweep) as { n: number };
  const pruned = d
    .prepare("SELECT count(*) n, count(rung) with_rung FROM results WHERE sweep = ? AND status = 'pruned'")
    .get(sweep) as { n: number; with_rung: number };
  d.close();
  return { best, epochs: epochs.n, pruned };
}

test('hyperband finds the full grid\'s best trial with at most 40% of its epochs, and keeps pruned trials with their rung', async () => {
  const full = tinySpec({ name: 'full', rows: 800, epochs: 9, parameters: GRID });
  const hb = tinySpec({ name: 'hb', rows: 800, epochs: 9, parameters: GRID, extra: 'early_terminate: {type: hyperband, min_iter: 1, eta: 3}' });
  const dir = tempProject({ 'full.yaml': full, 'hb.yaml': hb });
  assert.equal((await runCli(['run', 'full.yaml'], { cwd: dir })).code, 0);
  const r = await runCli(['run', 'hb.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const a = summary(dir, 'full');
  const b = summary(dir, 'hb');
  assert.equal(a.epochs, 18 * 9);
  assert.equal(b.best.trial_key, a.best.trial_key, 'hyperband must find the same best configuration');
  assert.ok(b.epochs <= 0.4 * a.epochs, `hyperband trained ${b.epochs} of ${a.epochs} epochs`);
  assert.ok(b.pruned.n > 0);
  assert.equal(b.pruned.with_rung, b.pruned.n, 'every pruned trial records its rung');
  assert.match(r.stdout, new RegExp(`epochs trained: ${b.epochs} of the full grid's ${a.epochs}`));
});

test('pruning decisions are the same with 1 and 2 workers, and survive a rerun', async () => {
  const spec = tinySpec({ name: 'hb', rows: 800, epochs: 9, parameters: GRID, extra: 'early_terminate: {type: hyperband, min_iter: 1, eta: 3}' });
  const one = tempProject({ 's.yaml': spec });
  const two = tempProject({ 's.yaml': spec });
  assert.equal((await runCli(['run', 's.yaml', '--workers', '1'], { cwd: one })).code, 0);
  assert.equal((await runCli(['run', 's.yaml', '--workers', '2'], { cwd: two })).code, 0);
  const decisions = (dir: string) => {
    const d = new Database(path.join(dir, 'results', 'tfsweep.db'), { readonly: true });
    const rows = d.prepare('SELECT idx, status, rung, epochs_done FROM trials ORDER BY idx').all();
    d.close();
    return rows;
  };
  assert.deepEqual(decisions(two), decisions(one));
  const again = await runCli(['run', 's.yaml', '--workers', '2', '--json'], { cwd: two });
  assert.equal(again.code, 0);
  assert.doesNotMatch(again.stdout, /trial_started/, 'pruned trials stay pruned on a rerun');
  assert.deepEqual(decisions(two), decisions(one));
});
