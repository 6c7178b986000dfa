import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { recordFigure, times } from './harness.js';

interface Sample {
  status: string;
  tensors: number;
  baseline: number;
  rss: number;
}

test('memory: many trials through one worker, tensor count back to baseline after each, resident growth reported', async (t) => {
  const trials = times(40, 200);
  const samples: Sample[] = [];
  await new Promise<void>((resolve, reject) => {
    const w = new Worker(new URL('./memory-worker.js', import.meta.url), { workerData: { trials } });
    w.on('message', (m: Sample) => samples.push(m));
    w.on('error', reject);
    w.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exit ${code}`))));
  });
  assert.equal(samples.length, trials);
  for (const [i, s] of samples.entries()) {
    assert.equal(s.status, 'completed', `trial ${i}`);
    assert.equal(s.tensors, s.baseline, `trial ${i}: ${s.tensors - s.baseline} tensor(s) leaked`);
  }
  // Resident memory after warm-up (wasm heap and JIT settle in the first trials).
  const warm = Math.min(10, Math.floor(trials / 4));
  const growthPerTrial = (samples[trials - 1].rss - samples[warm].rss) / (trials - 1 - warm);
  const kib = growthPerTrial / 1024;
  t.diagnostic(`${trials} trials: tensors at baseline after each; RSS ${(samples[warm].rss / 2 ** 20).toFixed(1)} -> ${(samples[trials - 1].rss / 2 ** 20).toFixed(1)} MiB, ${kib.toFixed(1)} KiB per trial after warm-up`);
  assert.ok(kib < 512, `resident memory grows ${kib.toFixed(1)} KiB per trial`);
  recordFigure('memory', {
    trials, tensors_leaked: 0,
    rss_warm_mib: +(samples[warm].rss / 2 ** 20).toFixed(1),
    rss_end_mib: +(samples[trials - 1].rss / 2 ** 20).toFixed(1),
    rss_growth_kib_per_trial: +kib.toFixed(1),
  });
});
