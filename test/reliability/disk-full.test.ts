import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { countWhere, integrity, recordFigure } from './harness.js';

/**
 * The results database on a filesystem of the test's own: a size-limited tmpfs (needs
 * root, which CI and the development machines have). It fills up mid-sweep; the run must
 * stop with a clear message, the database must stay intact, and once the filesystem is
 * grown the same command must finish the sweep.
 */
test('disk full: a clean stop with a clear message, the database intact, the rerun finishes after space is freed', async (t) => {
  const dir = tempProject({
    's.yaml': tinySpec({ name: 'full', rows: 400, epochs: 2, parameters: `  seed: {values: [${Array.from({ length: 24 }, (_, i) => i + 1).join(', ')}]}` }),
  });
  const disk = path.join(dir, 'disk');
  mkdirSync(disk);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=800k', 'tmpfs', disk]);
  try {
    const db = path.join(disk, 'tfsweep.db');
    const r = await runCli(['run', 's.yaml', '--db', db, '--workers', '2'], { cwd: dir });
    assert.equal(r.code, 1, `expected the disk to fill up: ${r.stderr}`);
    assert.match(r.stderr, /disk holding .* is full/);
    assert.match(r.stderr, /run the same command again to resume/);
    assert.doesNotMatch(r.stderr, /internal error|at .*\.js:\d+/);
    const kept = countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'completed'");
    assert.ok(kept < 24, 'the disk did not fill up before the end');
    assert.ok(kept > 0, 'the disk filled up before any trial finished: nothing shows that finished trials are kept');
    assert.equal(integrity(db), 'ok');

    execFileSync('mount', ['-o', 'remount,size=16m', disk]);
    const rerun = await runCli(['run', 's.yaml', '--db', db, '--workers', '2'], { cwd: dir });
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'completed'"), 24);
    assert.equal(countWhere(db, 'SELECT count(*) n FROM epochs'), 48);
    assert.equal(integrity(db), 'ok');
    t.diagnostic(`${kept} trial(s) kept when the 800 KiB disk filled; rerun finished all 24`);
    recordFigure('disk full', { filesystem: 'tmpfs 800 KiB', kept_at_stop: kept, integrity: 'ok', rerun_completed: 24 });
  } finally {
    execFileSync('umount', ['-l', disk]);
  }
});
