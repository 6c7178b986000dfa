import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricValue } from '../../src/core/metrics.js';
import { loadSpecText } from '../../src/config/load-spec.js';
import type { LoadedSpec } from '../../src/config/types.js';
import { buildTrial } from '../../src/planner/build-trial.js';
import { planSweep } from '../../src/planner/plan-sweep.js';
import type { PlannedTrial } from '../../src/planner/trial.js';
import type { ProgressReporter } from '../../src/runner/progress.js';
import { SweepRun } from '../../src/runner/run-sweep.js';
import type { Sampler } from '../../src/search/sampler.js';
import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { ResultStore, TrialRecord } from '../../src/storage/store.js';
import { tinySpec } from '../helpers/specs.js';

const silent: ProgressReporter = { start: () => {}, trialStarted: () => {}, trialFinished: () => {}, note: () => {}, finish: () => {} };

/**
 * A sampler that learns: after the first two trials are final it adds one trial, the best
 * one's parameters with twice its epochs; then it is done. It decides only at the index
 * boundary 2, so the decision cannot depend on the worker count.
 */
class RefineBest implements Sampler {
  asked = 0;
  constructor(private readonly loaded: LoadedSpec) {}
  initial(): PlannedTrial[] {
    return planSweep(this.loaded.spec);
  }
  next(history: readonly TrialRecord[]): PlannedTrial[] | 'wait' | 'done' {
    this.asked += 1;
    if (history.length >= 3) return 'done';
    if (history.some((t) => t.status === 'pending' || t.status === 'running')) return 'wait';
    const best = [...history].sort((a, b) => (metricValue(b.final, 'val_r2') ?? -Infinity) - (metricValue(a.final, 'val_r2') ?? -Infinity))[0];
    return [buildTrial(this.loaded.spec, 2, { ...best.params, epochs: (best.params.epochs as number) * 2 })];
  }
}

const YAML = tinySpec({ rows: 400, epochs: 2, parameters: '  optimizer: {values: [sgd, adam]}\n  normalization: {value: sample}' });

async function run(store: ResultStore, workers: number): Promise<{ trials: TrialRecord[]; sampler: RefineBest }> {
  const loaded = loadSpecText(YAML, 'refine.yaml', process.cwd());
  const sampler = new RefineBest(loaded);
  const summary = await new SweepRun({
    loaded, sampler, store, workers, backend: 'wasm', retries: 0, reuse: false, force: false, reporter: silent, swept: [],
  }).run();
  return { trials: await store.listTrials(summary.sweep.id), sampler };
}

test('a sampler adds trials from finished results as the sweep runs, the same with 1 or 2 workers, once across reruns', async () => {
  const outcomes: string[] = [];
  for (const workers of [1, 2]) {
    const store = openStore(':memory:');
    const { trials } = await run(store, workers);
    assert.deepEqual(trials.map((t) => [t.idx, t.status]), [[0, 'completed'], [1, 'completed'], [2, 'completed']]);
    const best = trials[0].final!.val_r2! >= trials[1].final!.val_r2! ? trials[0] : trials[1];
    assert.equal(trials[2].params.optimizer, best.params.optimizer, 'the added trial refines the best of the first two');
    assert.equal(trials[2].params.epochs, 4);
    assert.equal(trials[2].epochs_done, 4);
    outcomes.push(JSON.stringify(trials.map((t) => [t.idx, t.trial_key, t.final?.val_r2])));
    // A rerun of the finished sweep trains nothing and adds nothing.
    const again = await run(store, workers);
    assert.equal(again.trials.length, 3);
    assert.deepEqual(again.trials.map((t) => t.attempt), [1, 1, 1]);
    await store.close();
  }
  assert.equal(outcomes[1], outcomes[0]);
});
