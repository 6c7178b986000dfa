import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { addHalvingSweep, runTinySweep, type ResultsProject } from '../helpers/results-db.js';

let p: ResultsProject;
let halving: Awaited<ReturnType<typeof addHalvingSweep>>;

before(async () => {
  p = await runTinySweep();
  halving = await addHalvingSweep(p.dbPath);
});

after(() => p.cleanup());

test('show prints parameters, status, final metrics, learning curves and the epochs', async () => {
  const [best] = p.sql<{ id: number; val_r2: number; loss: number; optimizer: string }>(
    "SELECT trial_id id, val_r2, loss, optimizer FROM results WHERE sweep = 'tiny' ORDER BY val_r2 DESC LIMIT 1",
  );
  const r = await p.cli(['show', String(best.id)]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout;
  assert.match(out, new RegExp(`^Trial ${best.id} of sweep 'tiny' \\(plan index \\d+, key [0-9a-f]{16}\\)`));
  assert.match(out, /status +completed/);
  assert.match(out, /backend wasm, attempt 1, 6 epochs/);
  assert.match(out, new RegExp(`\\* optimizer +${best.optimizer}`));
  assert.match(out, /^ {4}batch_size +16$/m, 'a fixed parameter is listed unmarked');
  assert.match(out, new RegExp(`val_r2 +${best.val_r2.toFixed(4)} +<- the sweep's metric \\(maximize\\)`));
  assert.match(out, /Learning curve: loss/);
  assert.match(out, /Learning curve: val_r2 \(the sweep's metric\)/);
  assert.ok((out.match(/[╭╮╰╯─│]/g) ?? []).length > 20, 'curves are drawn with box characters');
  assert.match(out, /epoch 1 +6/);
  // The per-epoch table has one row per epoch, values as stored.
  const epochs = p.sql<{ epoch: number; val_r2: number }>('SELECT epoch, val_r2 FROM epoch_results WHERE trial_id = ? ORDER BY epoch', best.id);
  const rows = out.split('\n').filter((l) => /^\| \d+( \*)? +\|/.test(l));
  assert.equal(rows.length, 6);
  for (const e of epochs) assert.match(rows[e.epoch - 1], new RegExp(`^\\| ${e.epoch}( \\*)? .*${e.val_r2.toFixed(4)}`));
});

test('show explains a loss_at_variance trial', async () => {
  const [flagged] = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'tiny' AND warnings = 'loss_at_variance' LIMIT 1");
  const r = await p.cli(['show', String(flagged.id)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /warnings +loss_at_variance/);
  assert.match(r.stdout, /the model predicts the mean/);
});

test('show gives the rung of a pruned trial and the reason of a failed or diverged one', async () => {
  const pruned = await p.cli(['show', String(halving.ids.pruned)]);
  assert.equal(pruned.code, 0, pruned.stderr);
  assert.match(pruned.stdout, /status +pruned@2 \(stopped by early termination at the rung of 2 epochs\)/);
  const diverged = await p.cli(['show', String(halving.ids.diverged)]);
  assert.match(diverged.stdout, /status +diverged\n +reason +loss became NaN at epoch 2/);
  assert.match(diverged.stdout, /Final metrics: none/);
  const failed = await p.cli(['show', String(halving.ids.failed)]);
  assert.match(failed.stdout, /reason +Error: worker died/);
  assert.doesNotMatch(failed.stdout, /Learning curve/);
});

test('show refuses an unknown or malformed trial id with exit 2', async () => {
  const missing = await p.cli(['show', '9999']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no trial with id 9999/);
  const bad = await p.cli(['show', 'best']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /trial id must be a whole number/);
});
