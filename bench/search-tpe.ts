/**
 * The search benchmark (`npm run bench:search`): tfsweep's TPE (univariate, the default;
 * multivariate; with bandwidthWeightedScore) against uniform random search on the functions of
 * bench/search-functions.ts, each run for --trials trials (default 100) from --seeds seeds
 * (default 20). Prints the mean and standard deviation over seeds of the best value found
 * after 20, 50 and 100 trials, then the time one proposal takes with 1,000 observations of
 * 10 parameters (target: under 50 ms).
 * When Debian's /usr/bin/python3 can import optuna, bench/search-optuna.py runs Optuna's
 * TPESampler (default settings, seed = the seed) on the same functions, as installed and
 * with the fix of Optuna issue #5109 patched in (see that script), and their rows are
 * printed alongside, with Welch's t of tfsweep's TPE against each (|t| < 2: within noise).
 * Optuna takes minutes: --no-optuna skips it, --optuna-json FILE reads a saved stdout of
 * search-optuna.py (same seeds and trials) instead of running it.
 * Flags: --seeds N, --trials N, --no-optuna, --optuna-json FILE.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPrng, deriveSeed, type Prng } from '../src/core/prng.js';
import type { Observation } from '../src/search/tpe/observation.js';
import { proposeTpe } from '../src/search/tpe/propose-tpe.js';
import { sampleUniform } from '../src/search/tpe/sample-uniform.js';
import { SEARCH_FUNCTIONS, domainsByName, logEllipsoid10, pointOf, type TestFunction } from './search-functions.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OPTUNA_SCRIPT = path.join(ROOT, 'bench', 'search-optuna.py');
const PYTHON = '/usr/bin/python3';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Trial counts the table reports the best value after (search-optuna.py uses the same). */
const CHECKPOINTS = [20, 50, 100].filter((c) => c <= flag('--trials', 100));

type Method = (fn: TestFunction, history: Observation[], rng: Prng) => Record<string, number>;

const METHODS: Record<string, Method> = {
  // The default (bandwidthWeightedScore: true, as Optuna 3.0-3.4 scores), and today's Optuna score.
  'tfsweep tpe': (fn, history, rng) => proposeTpe(domainsByName(fn), history, rng),
  'tfsweep tpe multivariate': (fn, history, rng) => proposeTpe(domainsByName(fn), history, rng, { multivariate: true }),
  'tfsweep tpe, #5110 score': (fn, history, rng) => proposeTpe(domainsByName(fn), history, rng, { bandwidthWeightedScore: false }),
  'random': (fn, _history, rng) => sampleUniform(domainsByName(fn), rng),
};

/** Best value after each checkpoint's number of trials, for one seeded run. */
function run(fn: TestFunction, method: string, seed: number, trials: number): number[] {
  const rng = createPrng(deriveSeed(seed, 'bench-search', fn.name, method));
  const history: Observation[] = [];
  let best = Infinity;
  const bests: number[] = [];
  for (let t = 1; t <= trials; t++) {
    const params = METHODS[method](fn, history, rng);
    const value = fn.f(pointOf(fn, params));
    history.push({ params, value });
    best = Math.min(best, value);
    if (CHECKPOINTS.includes(t)) bests.push(best);
  }
  return bests;
}

interface Row {
  fn: string;
  method: string;
  /** Per checkpoint, the best value of every seed. */
  bests: number[][];
  seconds: number;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const std = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / Math.max(1, v.length - 1));
const fmt = (x: number) => (Math.abs(x) >= 100 || (Math.abs(x) < 0.01 && x !== 0) ? x.toExponential(2) : x.toFixed(4));

function optunaRows(seeds: number, trials: number): Row[] | string {
  const saved = process.argv.indexOf('--optuna-json');
  if (saved >= 0) {
    const file = process.argv[saved + 1];
    console.log(`optuna: rows read from ${file} (a saved stdout of bench/search-optuna.py)`);
    return (JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] }).rows;
  }
  const probe = spawnSync(PYTHON, ['-c', 'import optuna; print(optuna.__version__)'], { encoding: 'utf8' });
  if (probe.status !== 0) return `optuna not importable by ${PYTHON}; skipped (apt-get install -y python3-optuna)`;
  const args = [OPTUNA_SCRIPT, '--seeds', String(seeds), '--trials', String(trials), '--fixed-logpdf'];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) return `optuna run failed: ${r.stderr.slice(-2000)}`;
  const out = JSON.parse(r.stdout) as { rows: Row[] };
  return out.rows;
}

function proposalMs(multivariate: boolean): number {
  const fn = logEllipsoid10;
  const rng = createPrng(deriveSeed(1, 'bench-search', 'timing'));
  const domains = domainsByName(fn);
  const history: Observation[] = [];
  for (let i = 0; i < 1000; i++) {
    const params = sampleUniform(domains, rng);
    history.push({ params, value: fn.f(pointOf(fn, params)) });
  }
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    proposeTpe(domains, history, rng, { multivariate });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function main(): void {
  const seeds = flag('--seeds', 20);
  const trials = flag('--trials', 100);
  const rows: Row[] = [];
  for (const fn of SEARCH_FUNCTIONS) {
    for (const method of Object.keys(METHODS)) {
      const t0 = performance.now();
      const perSeed = Array.from({ length: seeds }, (_, s) => run(fn, method, s, trials));
      rows.push({ fn: fn.name, method, bests: CHECKPOINTS.map((_, c) => perSeed.map((b) => b[c])), seconds: (performance.now() - t0) / 1000 });
    }
  }
  const optuna = process.argv.includes('--no-optuna') ? 'skipped (--no-optuna)' : optunaRows(seeds, trials);
  if (typeof optuna === 'string') console.log(`optuna: ${optuna}`);
  else rows.push(...optuna);

  console.log(`Best value found (minimization), mean ± std over ${seeds} seeds, ${trials} trials per run`);
  const header = ['function (optimum)', 'method', ...CHECKPOINTS.map((c) => `best@${c}`), 'run s'];
  const lines = [header];
  for (const fn of SEARCH_FUNCTIONS) {
    for (const row of rows.filter((r) => r.fn === fn.name)) {
      lines.push([
        `${fn.name} (${fmt(fn.optimum)})`,
        row.method,
        ...row.bests.map((b) => `${fmt(mean(b))} ± ${fmt(std(b))}`),
        (row.seconds / seeds).toFixed(2),
      ]);
    }
  }
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  for (const l of lines) console.log(l.map((cell, i) => cell.padEnd(widths[i])).join('  '));

  if (typeof optuna !== 'string') {
    console.log("\nWelch's t of tfsweep tpe against each optuna row (negative: tfsweep lower, i.e. better; |t| < 2: within noise)");
    for (const theirs of optuna) {
      const ours = rows.find((r) => r.fn === theirs.fn && r.method === 'tfsweep tpe');
      if (!ours) continue;
      const ts = CHECKPOINTS.map((c, i) => {
        const a = ours.bests[i];
        const b = theirs.bests[i];
        const t = (mean(a) - mean(b)) / Math.sqrt(std(a) ** 2 / a.length + std(b) ** 2 / b.length);
        return `@${c}: ${t.toFixed(2).padStart(5)}`;
      });
      console.log(`  ${theirs.fn.padEnd(18)} ${theirs.method.padEnd(26)} ${ts.join('  ')}`);
    }
  }

  console.log('\nOne proposal with 1,000 observations of 10 log-scale parameters (median of 25):');
  console.log(`  univariate   ${proposalMs(false).toFixed(1)} ms`);
  console.log(`  multivariate ${proposalMs(true).toFixed(1)} ms`);
}

main();
