import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, startCli, collect, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { LONG, countWhere, integrity, maxRelDiff, uniformStream, recordFigure, snapshot, times } from './harness.js';

const SEED = Number(process.env.TFSWEEP_FAULT_SEED ?? 20261127);

test('kill -9 at random moments, rerun after each: every trial exactly once, metrics as an uninterrupted run', async (t) => {
  const spec = tinySpec({
    name: 'kills',
    rows: LONG ? 6000 : 1200,
    epochs: 4,
    parameters: LONG
      ? '  optimizer: {values: [sgd, adam, rmsprop]}\n  normalization: {values: [none, sample, feature, minmax]}'
      : '  optimizer: {values: [sgd, adam]}\n  normalization: {values: [none, sample, feature]}',
  });
  const trials = LONG ? 12 : 6;
  const ref = tempProject({ 's.yaml': spec });
  const t0 = Date.now();
  const refRun = await runCli(['run', 's.yaml', '--workers', '2'], { cwd: ref });
  const refMs = Date.now() - t0;
  assert.equal(refRun.code, 0, refRun.stderr);
  const refDb = path.join(ref, 'results', 'tfsweep.db');

  const dir = tempProject({ 's.yaml': spec });
  const db = path.join(dir, 'results', 'tfsweep.db');
  const rand = uniformStream(SEED);
  const kills = times(3, 20);
  let landed = 0;
  const moments: number[] = [];
  for (let k = 0; k < kills; k++) {
    // Anywhere from start-up (spec, plan, store open) to well into training; each rerun
    // resumes, so later kills hit later epochs and writes.
    const at = Math.round(rand() * refMs * 0.6);
    moments.push(at);
    const child = startCli(['run', 's.yaml', '--workers', '2', '--json'], { cwd: dir });
    const done = collect(child);
    await new Promise((r) => setTimeout(r, at));
    child.kill('SIGKILL');
    const r = await done;
    if (r.signal === 'SIGKILL') landed += 1;
    else assert.equal(r.code, 0, `run ${k} ended by itself but failed: ${r.stderr}`);
  }
  const final = await runCli(['run', 's.yaml', '--workers', '2'], { cwd: dir });
  assert.equal(final.code, 0, final.stderr);

  assert.equal(integrity(db), 'ok');
  assert.equal(countWhere(db, 'SELECT count(*) n FROM trials'), trials);
  assert.equal(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'completed'"), trials);
  assert.equal(countWhere(db, 'SELECT count(*) n FROM epochs'), trials * 4);
  assert.equal(countWhere(db, 'SELECT count(*) n FROM weights'), trials);
  const diff = maxRelDiff(snapshot(db), snapshot(refDb));
  assert.ok(diff <= 1e-6, `metrics differ from the uninterrupted run by ${diff}`);
  t.diagnostic(`seed ${SEED}: ${landed}/${kills} kills landed at ms ${moments.join(',')}; max metric diff ${diff}`);
  recordFigure('kill -9', {
    kills, landed, trials, lost: 0, duplicated: 0, max_rel_metric_diff: diff, integrity: 'ok', seed: SEED, ref_ms: refMs,
  });
});
