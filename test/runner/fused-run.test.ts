import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSweep } from '../../src/planner/plan-sweep.js';
import type { ProgressReporter } from '../../src/runner/progress.js';
import { SweepRun } from '../../src/runner/run-sweep.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import { tinySpec } from '../helpers/specs.js';

const silent: ProgressReporter = { start: () => {}, trialStarted: () => {}, trialFinished: () => {}, note: () => {}, finish: () => {} };

/** Runs a spec through the real runner into a memory store; per plan index: status, epoch count and curve. */
async function run(yaml: string, workers: number): Promise<Map<number, { status: string; epochs: number; curve: string }>> {
  const loaded = loadSpecText(yaml, 'fused.yaml', process.cwd());
  const trials = planSweep(loaded.spec);
  const store = openStore(':memory:');
  const summary = await new SweepRun({
    loaded, trials, store, workers, backend: 'wasm', retries: 0, reuse: false, force: false, reporter: silent, swept: [],
  }).run();
  const out = new Map<number, { status: string; epochs: number; curve: string }>();
  for (const t of await store.listTrials(summary.sweep.id)) {
    const epochs = await store.getEpochs(t.id);
    out.set(t.idx, { status: t.status, epochs: epochs.length, curve: JSON.stringify(epochs.map((e) => [e.epoch, e.loss, e.val_r2])) });
  }
  return out;
}

test('fused groups with shared epoch prefixes through the runner: every trial lands at its own epoch count, the same with 1 or 2 workers', async () => {
  const yaml = tinySpec({ rows: 600, epochs: [1, 3], parameters: '  optimizer: {values: [sgd, adam]}\n  normalization: {values: [none, feature]}' });
  const one = await run(yaml, 1);
  const two = await run(yaml, 2);
  assert.deepEqual(two, one);
  const trials = planSweep(loadSpecText(yaml, 'fused.yaml', process.cwd()).spec);
  assert.equal(one.size, 8);
  for (const t of trials) {
    const r = one.get(t.idx)!;
    assert.equal(r.status, 'completed');
    assert.equal(r.epochs, t.train.epochs);
  }
  // A 1-epoch trial's curve is the first epoch of its 3-epoch sibling's (one shared run).
  for (const t of trials.filter((x) => x.train.epochs === 1)) {
    const sibling = trials.find((x) => x.train.epochs === 3 && x.train.optimizer === t.train.optimizer && x.train.normalization === t.train.normalization)!;
    const shortCurve = JSON.parse(one.get(t.idx)!.curve) as unknown[];
    const longCurve = JSON.parse(one.get(sibling.idx)!.curve) as unknown[];
    assert.deepEqual(shortCurve[0], longCurve[0]);
  }
});
