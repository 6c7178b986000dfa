import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { openDb, recordFigure } from './harness.js';

/** A user model module whose build misbehaves for chosen seeds, and is a plain Dense otherwise. */
const FAULTY_MODEL = `export function build(params, tf) {
  if (params.seed === 2) throw new Error('model refuses seed 2');
  if (params.seed === 3) process.exit(7);
  if (params.seed === 4) { const hog = []; for (;;) hog.push(new Array(1e6).fill(1.5)); }
  if (params.seed === 5) { for (;;) {} }
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 8, inputShape: [8] }));
  return m;
}
`;

interface Row {
  seed: number;
  status: string;
  attempt: number;
  error: string | null;
  epochs_done: number;
}

test('worker faults: throw, process.exit, heap limit, hang; each trial marked with its reason, the sweep finishes', async (t) => {
  const spec = tinySpec({
    name: 'faults',
    epochs: 2,
    model: '  module: ./model.mjs',
    parameters: '  seed: {values: [1, 2, 3, 4, 5, 6, 7, 8]}',
  });
  const dir = tempProject({ 's.yaml': spec, 'model.mjs': FAULTY_MODEL });
  const t0 = Date.now();
  const r = await runCli(
    ['run', 's.yaml', '--workers', '2', '--retries', '1', '--trial-timeout', '2', '--worker-memory', '64', '--json'],
    { cwd: dir },
  );
  const wallMs = Date.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  const d = openDb(path.join(dir, 'results', 'tfsweep.db'));
  const rows = d
    .prepare("SELECT json_extract(params_json, '$.seed') seed, status, attempt, error, epochs_done FROM trials ORDER BY idx")
    .all() as Row[];
  d.close();
  const bySeed = new Map(rows.map((x) => [x.seed, x]));
  assert.equal(bySeed.get(2)!.status, 'failed');
  assert.match(bySeed.get(2)!.error ?? '', /model refuses seed 2/);
  assert.equal(bySeed.get(2)!.attempt, 1, 'a trial that throws is not retried: it would throw again');
  assert.equal(bySeed.get(3)!.status, 'failed');
  assert.match(bySeed.get(3)!.error ?? '', /worker died/);
  assert.equal(bySeed.get(3)!.attempt, 2, 'a dead worker is retried once (--retries 1)');
  assert.equal(bySeed.get(4)!.status, 'failed');
  assert.match(bySeed.get(4)!.error ?? '', /memory/i);
  assert.equal(bySeed.get(4)!.attempt, 2);
  assert.equal(bySeed.get(5)!.status, 'timeout');
  assert.match(bySeed.get(5)!.error ?? '', /trial-timeout/);
  // The healthy trials all ran after some of the crashes: the pool replaced its workers.
  for (const s of [1, 6, 7, 8]) {
    assert.equal(bySeed.get(s)!.status, 'completed', `seed ${s}: ${bySeed.get(s)!.error}`);
    assert.equal(bySeed.get(s)!.epochs_done, 2);
  }
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; trial_id?: number });
  const finishedAfterCrash = events.findIndex((e) => e.event === 'note' && /worker died/.test(JSON.stringify(e)));
  assert.ok(finishedAfterCrash >= 0);
  assert.ok(events.slice(finishedAfterCrash).some((e) => e.event === 'trial_finished'));
  t.diagnostic(rows.map((x) => `seed ${x.seed}: ${x.status} (attempt ${x.attempt}) ${x.error ?? ''}`).join('\n'));
  recordFigure('worker faults', {
    injected: { throw: 1, process_exit: 1, heap_limit: 1, hang: 1 },
    healthy_completed: 4, wall_ms: wallMs,
    statuses: Object.fromEntries(rows.map((x) => [`seed ${x.seed}`, `${x.status}/${x.attempt}`])),
  });
});

test('divergence ends as diverged, stores no NaN, and is never ranked best', async () => {
  const spec = tinySpec({
    name: 'diverge',
    epochs: 3,
    parameters: '  learning_rate: {values: [0.01, 1000000]}\n  optimizer: {value: sgd}\n  normalization: {value: sample}',
  });
  const dir = tempProject({ 's.yaml': spec });
  const r = await runCli(['run', 's.yaml', '--workers', '1'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const d = openDb(path.join(dir, 'results', 'tfsweep.db'));
  const rows = d.prepare('SELECT idx, status, error, loss, val_r2, epochs_done FROM results ORDER BY idx').all() as {
    idx: number; status: string; error: string; loss: number | null; val_r2: number | null; epochs_done: number;
  }[];
  const nanEpochs = d
    .prepare(`SELECT count(*) n FROM epoch_results WHERE loss IS NULL OR loss != loss OR abs(loss) > 1e308
              OR val_r2 IS NULL OR val_r2 != val_r2`)
    .get() as { n: number };
  d.close();
  assert.equal(rows[1].status, 'diverged');
  assert.match(rows[1].error, /epoch \d/);
  assert.equal(nanEpochs.n, 0);
  // A diverged trial has metrics only from epochs that finished; none may be NaN.
  for (const v of [rows[1].loss, rows[1].val_r2]) assert.ok(v === null || Number.isFinite(v));
  assert.match(r.stdout, /\n\| 1 +\| 1 +\| completed/);
  recordFigure('divergence', { diverged_trials: 1, nan_metrics_stored: 0, ranked_best: false, reason: rows[1].error });
});
