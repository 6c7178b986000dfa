import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, startCli, collect, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { countWhere, recordFigure, times } from './harness.js';

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} in the middle of an epoch: exit ${code} within 5 s, no trial left running, the rerun finishes`, async (t) => {
    const rounds = times(1, 5);
    const stopMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const dir = tempProject({ 's.yaml': tinySpec({ name: 'sig', rows: 4000, epochs: 8 }) });
      const db = path.join(dir, 'results', 'tfsweep.db');
      const child = startCli(['run', 's.yaml', '--workers', '2', '--json'], { cwd: dir });
      const done = collect(child);
      // Wait for the first epoch row: training is under way, mid-epoch of some trial.
      await new Promise<void>((resolve) => {
        let out = '';
        child.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('"trial_started"')) setTimeout(resolve, 700);
        });
      });
      const t0 = Date.now();
      child.kill(signal);
      const r = await done;
      const took = Date.now() - t0;
      stopMs.push(took);
      assert.equal(r.code, code, r.stderr);
      assert.ok(took < 5000, `stopped after ${took} ms`);
      // Under the runner's 3 s fallback that terminates workers: the trials themselves
      // stopped at a batch boundary, as the stop flag asks.
      assert.ok(took < 2500, `stopped after ${took} ms: the cooperative stop did not take`);
      assert.equal(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'running'"), 0);
      assert.ok(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'interrupted'") >= 1);
      const rerun = await runCli(['run', 's.yaml', '--workers', '2'], { cwd: dir });
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.equal(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'completed'"), 4);
    }
    t.diagnostic(`${signal}: ${rounds} round(s), stop times ms ${stopMs.join(',')}`);
    recordFigure(signal, { rounds, exit_code: code, max_stop_ms: Math.max(...stopMs), left_running: 0, reruns_finished: rounds });
  });
}
