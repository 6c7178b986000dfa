import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrng } from '../../src/core/prng.js';

/**
 * Shared pieces of the fault-injection suite. `npm test` runs the fast form (a few
 * injections per fault); `npm run test:reliability` sets TFSWEEP_RELIABILITY=long and runs
 * the full counts. Each case records what it measured with `recordFigure`; the figures land
 * in results/reliability.json, from which docs/reliability.md is written.
 */
export const LONG = process.env.TFSWEEP_RELIABILITY === 'long';

export function times(fast: number, long: number): number {
  return LONG ? long : fast;
}

const FIGURES = path.resolve('results', 'reliability.json');

export function recordFigure(fault: string, figure: Record<string, unknown>): void {
  mkdirSync(path.dirname(FIGURES), { recursive: true });
  const all = existsSync(FIGURES) ? (JSON.parse(readFileSync(FIGURES, 'utf8')) as Record<string, unknown>) : {};
  all[fault] = { ...figure, mode: LONG ? 'long' : 'fast', at: new Date().toISOString() };
  writeFileSync(FIGURES, `${JSON.stringify(all, null, 2)}\n`);
}

/** Deterministic stream of moments in [0, 1), so a failing run can be replayed from its seed. */
export function uniformStream(seed: number): () => number {
  const prng = createPrng(seed);
  return () => prng.nextFloat();
}

export function openDb(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

export interface TrialSnapshot {
  idx: number;
  status: string;
  epochs: number[][];
}

/** Every trial's status and per-epoch [epoch, loss, val_loss, val_r2, val_mse], in plan order. */
export function snapshot(file: string): TrialSnapshot[] {
  const d = openDb(file);
  try {
    const trials = d.prepare('SELECT id, idx, status FROM trials ORDER BY idx').all() as { id: number; idx: number; status: string }[];
    const ep = d.prepare('SELECT epoch, loss, val_loss, val_r2, val_mse FROM epoch_results WHERE trial_id = ? ORDER BY epoch');
    return trials.map((t) => ({
      idx: t.idx,
      status: t.status,
      epochs: (ep.all(t.id) as Record<string, number>[]).map((r) => [r.epoch, r.loss, r.val_loss, r.val_r2, r.val_mse]),
    }));
  } finally {
    d.close();
  }
}

/** Largest relative difference between two snapshots' numbers; Infinity when their shapes differ. */
export function maxRelDiff(a: TrialSnapshot[], b: TrialSnapshot[]): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i].idx !== b[i].idx || a[i].status !== b[i].status || a[i].epochs.length !== b[i].epochs.length) return Infinity;
    for (let e = 0; e < a[i].epochs.length; e++) {
      for (let k = 0; k < a[i].epochs[e].length; k++) {
        const x = a[i].epochs[e][k];
        const y = b[i].epochs[e][k];
        if (x === y) continue;
        if (x === null || y === null) return Infinity;
        worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), 1e-12));
      }
    }
  }
  return worst;
}

export function integrity(file: string): string {
  const d = openDb(file);
  try {
    return (d.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
  } finally {
    d.close();
  }
}

export function countWhere(file: string, sql: string): number {
  const d = openDb(file);
  try {
    return (d.prepare(sql).get() as { n: number }).n;
  } finally {
    d.close();
  }
}
