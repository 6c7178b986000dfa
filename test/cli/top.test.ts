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

/** Trial ids in the order the table prints them. */
function tableIds(stdout: string): number[] {
  return stdout.split('\n').filter((l) => /^\| \d+/.test(l)).map((l) => Number(l.split('|')[2].trim()));
}

test('top ranks the trials by the sweep metric, marks loss_at_variance and explains it once', async () => {
  const r = await p.cli(['top', 'tiny']);
  assert.equal(r.code, 0, r.stderr);
  const expected = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'tiny' ORDER BY val_r2 DESC").map((x) => x.id);
  assert.deepEqual(tableIds(r.stdout), expected);
  assert.match(r.stdout, /Top 8 of tiny \(8 trials\) by val_r2 \(maximize\)/);
  const flagged = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'tiny' AND warnings LIKE '%loss_at_variance%'");
  assert.ok(flagged.length > 0, 'the fixture has flagged trials');
  for (const { id } of flagged) assert.match(r.stdout, new RegExp(`^\\| \\d+ ! +\\| ${id} `, 'm'));
  assert.equal(r.stdout.match(/loss_at_variance: the model predicts the mean/g)?.length, 1);
  // Only the swept parameters are columns.
  assert.match(r.stdout.split('\n')[2], /normalization .*optimizer .*seed/);
  assert.doesNotMatch(r.stdout.split('\n')[2], /batch_size/);
});

test('top --by normalization: sample wins, with mean ± std and n over the repeats', async () => {
  const r = await p.cli(['top', 'tiny', '--by', 'normalization']);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.split('\n').filter((l) => /^\| \d/.test(l));
  assert.equal(rows.length, 2);
  assert.match(rows[0], /\| sample /);
  assert.match(rows[1], /^\| 2 ! +\| none /);
  const stats = p.sql<{ m: number; s: number }>(
    `SELECT avg(val_r2) m, sqrt(sum((val_r2 - (SELECT avg(val_r2) FROM results WHERE sweep = 'tiny' AND normalization = 'sample')) *
       (val_r2 - (SELECT avg(val_r2) FROM results WHERE sweep = 'tiny' AND normalization = 'sample'))) / (count(*) - 1)) s
     FROM results WHERE sweep = 'tiny' AND normalization = 'sample'`,
  )[0];
  assert.match(rows[0], new RegExp(`${stats.m.toFixed(4)} ± ${stats.s.toFixed(4)} +\\| 4 `));
  assert.match(r.stdout, /loss_at_variance: the model predicts the mean/);
});

test('top --by two parameters, as csv and json', async () => {
  const csv = await p.cli(['top', 'tiny', '--by', 'normalization,optimizer', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.stderr);
  const lines = csv.stdout.trim().split('\n');
  assert.equal(lines[0], 'rank,normalization,optimizer,val_r2_median,val_r2_q1,val_r2_q3,val_r2_mean,val_r2_std,n,val_r2_best,best_trial,flagged,pruned,not_ranked');
  assert.equal(lines.length, 5);
  assert.match(lines[1], /^1,sample,/);
  const json = JSON.parse((await p.cli(['top', 'tiny', '--by', 'optimizer,normalization', '--format', 'json'])).stdout);
  assert.equal(json.length, 4);
  for (const g of json) assert.equal(g.n, 2);
  const best = p.sql<{ m: number }>(
    "SELECT avg(val_r2) m FROM results WHERE sweep = 'tiny' GROUP BY optimizer, normalization ORDER BY m DESC LIMIT 1",
  )[0];
  // Two members per group: the median is their mean.
  assert.ok(Math.abs(json[0].val_r2_mean - best.m) < 1e-12);
  assert.ok(Math.abs(json[0].val_r2_median - best.m) < 1e-12);
});

test('top --metric, --goal, --limit and --format json', async () => {
  const r = await p.cli(['top', 'tiny', '--metric', 'val_mse', '--limit', '3', '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { trial_id: number; val_mse: number; rank: number }[];
  const expected = p.sql<{ id: number; v: number }>("SELECT trial_id id, val_mse v FROM results WHERE sweep = 'tiny' ORDER BY val_mse LIMIT 3");
  assert.deepEqual(rows.map((x) => x.trial_id), expected.map((x) => x.id));
  assert.deepEqual(rows.map((x) => x.val_mse), expected.map((x) => x.v));
  const worst = JSON.parse((await p.cli(['top', 'tiny', '--goal', 'minimize', '--limit', '1', '--format', 'json'])).stdout);
  const [min] = p.sql<{ id: number }>("SELECT trial_id id FROM results WHERE sweep = 'tiny' ORDER BY val_r2 LIMIT 1");
  assert.equal(worst[0].trial_id, min.id);
  const limited = await p.cli(['top', 'tiny', '--limit', '2']);
  assert.match(limited.stdout, /\.\.\. 6 more \(--limit 0 shows all\)/);
});

test('top shows pruned trials with their rung and lists the unranked ones', async () => {
  const r = await p.cli(['top', 'halving']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`\\| ${halving.ids.pruned} +\\| pruned@2 `));
  assert.match(r.stdout, /pruned@N: stopped by early termination at the rung of N epochs/);
  assert.match(r.stdout, /not ranked: 1 failed, 1 diverged/);
  const json = JSON.parse((await p.cli(['top', 'halving', '--format', 'json'])).stdout);
  assert.deepEqual(json.map((x: { status: string; rung: number | null }) => [x.status, x.rung]), [['completed', null], ['pruned', 2]]);
  const by = await p.cli(['top', 'halving', '--by', 'normalization']);
  assert.match(by.stdout, /pruned +\|/);
  assert.match(by.stdout, /not ranked/);
});

test('top refuses an unknown sweep, metric or parameter with exit 2 and what is known', async () => {
  const sweep = await p.cli(['top', 'nope']);
  assert.equal(sweep.code, 2);
  assert.match(sweep.stderr, /no sweep named 'nope'.*tiny, halving/);
  const metric = await p.cli(['top', 'tiny', '--metric', 'val_acuracy']);
  assert.equal(metric.code, 2);
  assert.match(metric.stderr, /unknown metric 'val_acuracy'; choose one of: .*val_r2/);
  const by = await p.cli(['top', 'tiny', '--by', 'normalisation']);
  assert.equal(by.code, 2);
  assert.match(by.stderr, /unknown parameter 'normalisation'.*normalization/);
  const format = await p.cli(['top', 'tiny', '--format', 'xml']);
  assert.equal(format.code, 2);
});
