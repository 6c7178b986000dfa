/**
 * The tabular benchmark of `npm run bench:search`: tfsweep's TPE (`method: bayes`) against
 * its random search on the finished results of a real tfsweep grid
 * (bench/data/diabetes-grid.json, from bench/tabular-grid.yaml: 216 configurations of a
 * small regression network on the diabetes data, each trained once). The searches propose
 * configurations and look their val_r2 up in the table, so a run costs no training; a
 * configuration that failed or diverged is told as a failure. Prints the mean and std over
 * 20 seeds of the best val_r2 after 20, 50 and 100 trials, beside the grid's optimum.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createSearch } from '../src/search/create-search.js';

interface Row { learning_rate: number; normalization: string; optimizer: string; batch_size: number; val_r2: number | null }

const table = JSON.parse(readFileSync(path.resolve('bench/data/diabetes-grid.json'), 'utf8')) as { rows: Row[] };
const key = (p: Record<string, unknown>) => `${String(p.learning_rate)}|${String(p.normalization)}|${String(p.optimizer)}|${String(p.batch_size)}`;
const lookup = new Map(table.rows.map((r) => [key(r as unknown as Record<string, unknown>), r.val_r2]));
const values = (k: keyof Row) => [...new Set(table.rows.map((r) => r[k]))];
const parameters = {
  learning_rate: { values: values('learning_rate') },
  normalization: { values: values('normalization') },
  optimizer: { values: values('optimizer') },
  batch_size: { values: values('batch_size') },
};
const optimum = Math.max(...table.rows.map((r) => r.val_r2 ?? -Infinity));
const CHECKPOINTS = [20, 50, 100];
const SEEDS = 20;

function run(method: 'bayes' | 'random', seed: number): number[] {
  const search = createSearch({ method, metric: { name: 'val_r2', goal: 'maximize' }, parameters, random_seed: seed });
  const bests: number[] = [];
  let best = -Infinity;
  for (let i = 1; i <= CHECKPOINTS[CHECKPOINTS.length - 1]; i++) {
    const t = search.ask();
    const v = lookup.get(key(t.params));
    if (v === undefined) throw new Error(`configuration ${key(t.params)} is not in the table`);
    search.tell(t.index, v);
    if (v !== null) best = Math.max(best, v);
    if (CHECKPOINTS.includes(i)) bests.push(best);
  }
  return bests;
}

const fmt = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
  return `${m.toFixed(4)} ± ${s.toFixed(4)}`;
};
console.log(`tabular: ${table.rows.length} configurations of bench/tabular-grid.yaml, best val_r2 ${optimum.toFixed(4)} (higher is better)`);
console.log(`method          ${CHECKPOINTS.map((c) => `best@${c}`.padEnd(18)).join('')}`);
for (const method of ['bayes', 'random'] as const) {
  const runs = Array.from({ length: SEEDS }, (_, s) => run(method, s));
  console.log(`tfsweep ${method.padEnd(8)}${CHECKPOINTS.map((_, i) => fmt(runs.map((r) => r[i])).padEnd(18)).join('')}`);
}
