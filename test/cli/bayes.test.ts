import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { collect, runCli, startCli, tempProject } from '../helpers/cli.js';

/**
 * A `method: bayes` sweep through the real CLI: the trials it proposes depend on the spec,
 * the seed and the results only, not on the worker count or on a kill -9 and rerun.
 */
const SPEC = `name: tpe
method: bayes
run_cap: 16
metric: {name: val_r2, goal: maximize}
data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 300, cols: 4, seed: 5}
  target: [3]
  validation_split: 0.25
model:
  # The dropout keeps every trial its own group, so 2 workers really train 2 trials at once.
  layers: [{type: dense, units: 4, activation: tanh}, {type: dropout, rate: 0.1}, {type: dense, units: 1}]
parameters:
  learning_rate: {min: 0.0005, max: 0.5, distribution: log_uniform_values}
  batch_size: {values: [8, 16, 32]}
  epochs: {min: 1, max: 3}
`;

function trials(dir: string): { idx: number; key: string; status: string }[] {
  const d = new Database(path.join(dir, 'results', 'tfsweep.db'), { readonly: true });
  const rows = d.prepare('SELECT idx, trial_key key, status FROM trials ORDER BY idx').all() as { idx: number; key: string; status: string }[];
  d.close();
  return rows;
}

test('bayes: the same trials with 1 worker, 2 workers, and after a kill -9 and rerun', async () => {
  const one = tempProject({ 'tpe.yaml': SPEC });
  const r1 = await runCli(['run', 'tpe.yaml', '--workers', '1'], { cwd: one });
  assert.equal(r1.code, 0, r1.stderr);
  const reference = trials(one);
  assert.equal(reference.length, 16);
  assert.ok(reference.every((t) => t.status === 'completed'), JSON.stringify(reference));
  assert.equal(new Set(reference.map((t) => t.key)).size, 16, 'no trial proposed twice');

  const two = tempProject({ 'tpe.yaml': SPEC });
  assert.equal((await runCli(['run', 'tpe.yaml', '--workers', '2'], { cwd: two })).code, 0);
  assert.deepEqual(trials(two).map((t) => t.key), reference.map((t) => t.key));

  const killed = tempProject({ 'tpe.yaml': SPEC });
  const child = startCli(['run', 'tpe.yaml', '--workers', '1', '--json'], { cwd: killed });
  const done = collect(child);
  // Kill once the search has gone past its start-up trials.
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if ((out.match(/"trial_finished"/g) ?? []).length >= 12) resolve();
    });
  });
  child.kill('SIGKILL');
  assert.equal((await done).signal, 'SIGKILL');
  assert.ok(trials(killed).length < 16 || trials(killed).some((t) => t.status !== 'completed'), 'the kill came too late');
  const rerun = await runCli(['run', 'tpe.yaml', '--workers', '2'], { cwd: killed });
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.deepEqual(trials(killed).map((t) => t.key), reference.map((t) => t.key));
});
