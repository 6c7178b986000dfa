// tfsweep as a library: load a sweep spec, run it on worker threads into a SQLite
// database, then open the results read-only and print the best trial.
// Run from the repository: npm run build && node examples/library.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SweepRun, loadSpec, openResults, openStore, planSweep } from 'tfsweep';

const dir = mkdtempSync(join(tmpdir(), 'tfsweep-example-'));
try {
  // Two tiny trials: an 8-column autoencoder at two learning rates, 2 epochs each.
  const specFile = join(dir, 'tiny.yaml');
  writeFileSync(specFile, `name: tiny
metric: {name: val_r2, goal: maximize}
data:
  generate: {distribution: normal, mean: 0, std: 1, rows: 200, cols: 8, seed: 1}
model:
  layers:
    - {type: dense, units: 8}
parameters:
  learning_rate: {values: [0.1, 0.01]}
  optimizer: {value: adam}
  batch_size: {value: 8}
  normalization: {value: feature}
  epochs: {value: 2}
`);
  const loaded = loadSpec(specFile); // a SpecError lists every problem as file:line:col
  console.log(`${planSweep(loaded.spec).length} trials planned`);

  const dbFile = join(dir, 'results.db');
  const store = openStore(dbFile);
  try {
    // Every other option has the CLI's default: all cores, backend auto, 1 retry, no reuse.
    const run = new SweepRun({
      loaded,
      store,
      workers: 2, // at most; trials that train as one fused group take one
      reporter: {
        start: (info) => console.log(`sweep ${info.sweep}: ${info.total} trials on ${info.workers} worker(s)`),
        trialStarted: () => {},
        trialFinished: (trial, result) => console.log(`trial ${trial.idx}: ${result.status}`),
        note: (message) => console.log(message),
        finish: (summary) => console.log(`done in ${summary.wallSeconds.toFixed(1)} s`),
      },
    });
    process.once('SIGINT', () => run.stop()); // Ctrl-C: running trials end at their next batch
    await run.run();
  } finally {
    await store.close();
  }

  const results = openResults(dbFile); // read-only
  try {
    const sweep = await results.getSweep('tiny');
    const { name, goal } = loaded.spec.metric;
    const sign = goal === 'maximize' ? -1 : 1;
    const ranked = (await results.listTrials(sweep.id, ['completed']))
      .filter((t) => typeof t.final?.[name] === 'number')
      .sort((a, b) => sign * (a.final[name] - b.final[name]) || a.idx - b.idx);
    const best = ranked[0];
    console.log(`best trial: ${best.idx} learning_rate=${best.params.learning_rate} ${name}=${best.final[name].toFixed(4)}`);
  } finally {
    await results.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
