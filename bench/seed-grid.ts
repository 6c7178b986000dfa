/**
 * The speed benchmark (`npm run bench`): the small seed grid (sweeps/seed-grid.yaml, 162
 * trials, the peer script's grid) trained three ways in one session on this machine:
 *   tfsweep   the real runner with its defaults (all cores, fused groups, shared epoch
 *             prefixes) into a temporary database;
 *   naive     a sequential loop of TensorFlow.js model.fit over the same configs, same data,
 *             same backend (bench/naive-fit.ts);
 *   peer      with --peer, Optuna GridSampler + PyTorch (../shared/bench/optuna_torch_grid.py).
 * Prints each one's wall time, trials per hour and best val_r2, and the ratios.
 * Flags: --baseline-trials N  run only every (162/N)-th config of the naive loop and
 *                             extrapolate its wall time (labelled as such);
 *        --peer               also run the peer script (Debian's /usr/bin/python3);
 *        --workers N          runner workers (default: available cores).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset } from '../src/data/build-dataset.js';
import { planSweep } from '../src/planner/plan-sweep.js';
import type { ProgressReporter } from '../src/runner/progress.js';
import { SweepRun, defaultWorkers } from '../src/runner/run-sweep.js';
import { loadSpec } from '../src/config/load-spec.js';
import { openStore } from '../src/storage/sqlite/sqlite-store.js';
import { loadBackend } from '../src/train/load-backend.js';
import { naiveFitTrial } from './naive-fit.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEC = path.join(ROOT, 'sweeps', 'seed-grid.yaml');
const PEER = path.resolve(ROOT, '..', 'shared', 'bench', 'optuna_torch_grid.py');

interface Contender {
  name: string;
  trials: number;
  wall: number;
  best: number | null;
  note: string;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const silent: ProgressReporter = { start: () => {}, trialStarted: () => {}, trialFinished: () => {}, note: () => {}, finish: () => {} };

async function runTfsweep(workers: number): Promise<Contender> {
  const loaded = loadSpec(SPEC);
  const trials = planSweep(loaded.spec);
  const dir = mkdtempSync(path.join(tmpdir(), 'tfsweep-bench-'));
  const store = openStore(path.join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    const run = new SweepRun({
      loaded, trials, store, workers, backend: 'auto', retries: 1, reuse: false, force: false, reporter: silent, swept: [],
    });
    const summary = await run.run();
    const wall = (performance.now() - t0) / 1000;
    const done = (await store.listTrials(summary.sweep.id)).filter((t) => t.status === 'completed');
    const best = Math.max(...done.map((t) => t.final?.val_r2 ?? -Infinity));
    return { name: 'tfsweep run', trials: done.length, wall, best, note: `${summary.workers} workers, fused groups + shared epoch prefixes` };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runNaive(subset: number | null): Promise<Contender> {
  const loaded = loadSpec(SPEC);
  const trials = planSweep(loaded.spec);
  const backend = await loadBackend('wasm');
  const ds = buildDataset(trials[0].data);
  const stride = subset === null ? 1 : Math.max(1, Math.floor(trials.length / subset));
  const chosen = trials.filter((_, i) => i % stride === 0).slice(0, subset ?? trials.length);
  const t0 = performance.now();
  let best: number | null = null;
  for (const t of chosen) {
    const r2 = await naiveFitTrial(t, ds);
    if (r2 !== null && (best === null || r2 > best)) best = r2;
  }
  const measured = (performance.now() - t0) / 1000;
  const full = chosen.length === trials.length;
  return {
    name: 'naive TF.js model.fit loop',
    trials: trials.length,
    wall: full ? measured : (measured * trials.length) / chosen.length,
    best,
    note: full ? `sequential, ${backend}` : `EXTRAPOLATED from ${chosen.length} of ${trials.length} configs (${measured.toFixed(1)} s measured), ${backend}`,
  };
}

function runPeer(): Contender | null {
  const r = spawnSync('/usr/bin/python3', [PEER, '20000', '2', '2,5', '8'], { encoding: 'utf8' });
  const m = /trials=(\d+)\/(\d+) wall=([\d.]+)s .*best=([-\d.]+)/.exec(r.stdout ?? '');
  if (r.status !== 0 || m === null) {
    console.error(`peer script failed (exit ${r.status}): ${(r.stderr ?? '').slice(-400)}`);
    return null;
  }
  return { name: 'Optuna + PyTorch peer', trials: Number(m[1]), wall: Number(m[3]), best: Number(m[4]), note: '2 processes, /usr/bin/python3' };
}

function perHour(c: Contender): number {
  return (c.trials / c.wall) * 3600;
}

function line(c: Contender): string {
  return `${c.name.padEnd(28)} ${c.wall.toFixed(1).padStart(7)} s  ${perHour(c).toFixed(0).padStart(7)} trials/h  best val_r2 ${c.best === null ? 'n/a' : c.best.toFixed(6)}  (${c.trials} trials; ${c.note})`;
}

async function main(): Promise<void> {
  const subsetText = flag('--baseline-trials');
  const subset = subsetText === undefined ? null : Number(subsetText);
  const workers = Number(flag('--workers') ?? defaultWorkers());
  console.log(`seed grid: ${SPEC}`);
  const ours = await runTfsweep(workers);
  console.log(line(ours));
  const naive = await runNaive(subset);
  console.log(line(naive));
  console.log(`tfsweep / naive: ${(perHour(ours) / perHour(naive)).toFixed(1)}x trials per hour; best val_r2 differs by ${ours.best !== null && naive.best !== null ? Math.abs(ours.best - naive.best).toFixed(4) : 'n/a'}`);
  if (process.argv.includes('--peer')) {
    const peer = runPeer();
    if (peer !== null) {
      console.log(line(peer));
      console.log(`tfsweep / peer: ${(perHour(ours) / perHour(peer)).toFixed(2)}x trials per hour; best val_r2 differs by ${ours.best !== null && peer.best !== null ? Math.abs(ours.best - peer.best).toFixed(4) : 'n/a'}`);
    }
  }
}

await main();
