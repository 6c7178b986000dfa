import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runCli, startCli, collect, tempProject } from '../helpers/cli.js';
import { tinySpec } from '../helpers/specs.js';
import { countWhere, recordFigure, times } from './harness.js';

test('two runs of the same sweep at once: the second refuses while the first lives, nothing runs twice', async () => {
  const attempts = times(2, 10);
  // Each refused attempt is a CLI start (~0.3 s); the first run must outlive them all.
  const epochs = times(12, 48);
  // A user model module trains its trials one at a time (never fused), so the first run
  // lasts long enough for the second to find it alive.
  const model = `export function build(params, tf) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 8, inputShape: [8] }));
  return m;
}
`;
  const dir = tempProject({
    's.yaml': tinySpec({ name: 'twice', rows: 4000, epochs, model: '  module: ./model.mjs' }),
    'model.mjs': model,
  });
  const db = path.join(dir, 'results', 'tfsweep.db');
  const first = startCli(['run', 's.yaml', '--workers', '1', '--json'], { cwd: dir });
  const firstDone = collect(first);
  await new Promise<void>((resolve) => {
    first.stdout!.on('data', (d) => { if (String(d).includes('"trial_started"')) resolve(); });
  });
  let refused = 0;
  for (let i = 0; i < attempts; i++) {
    const second = await runCli(['run', 's.yaml', '--workers', '1'], { cwd: dir });
    assert.equal(second.code, 1, second.stderr);
    assert.match(second.stderr, new RegExp(`${first.pid}`));
    refused += 1;
  }
  const r = await firstDone;
  assert.equal(r.code, 0, r.stderr);
  assert.equal(countWhere(db, "SELECT count(*) n FROM trials WHERE status = 'completed'"), 4);
  assert.equal(countWhere(db, 'SELECT max(attempt) n FROM trials'), 1, 'no trial ran twice');
  assert.equal(countWhere(db, 'SELECT count(*) n FROM epochs'), 4 * epochs);
  recordFigure('two runs at once', { attempts, refused, trials_run_twice: 0 });
});
