import { epochValues } from '../../src/core/metrics.js';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { PlannedTrial } from '../../src/planner/trial.js';
import type { ParamValue } from '../../src/config/types.js';
import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import type { EpochMetrics, FinalMetrics, TrialResult } from '../../src/train/types.js';
import { runCli, tempProject, type CliResult } from './cli.js';
import { tinySpec } from './specs.js';

/**
 * The database the result commands are tested on: a real tiny sweep, run by the real CLI
 * in the test file's own temporary folder. 8 trials (optimizer x normalization x 2
 * seeds), 6 epochs each, on the seed problem's data: the `none` trials end flagged
 * loss_at_variance, the `sample` ones learn. Seconds on 2 cores.
 */
export const RESULTS_SPEC = tinySpec({
  epochs: 6,
  parameters: [
    '  optimizer: {values: [sgd, adam]}',
    '  normalization: {values: [none, sample]}',
    '  seed: {values: [1, 2]}',
    '  learning_rate: {value: 0.01}',
  ].join('\n'),
});

export interface ResultsProject {
  dir: string;
  dbPath: string;
  /** Runs the CLI in the project's folder (so the default results/tfsweep.db is this one). */
  cli(args: string[]): Promise<CliResult>;
  /** A read-only connection for checking what the commands print against the data. */
  sql<T = Record<string, unknown>>(query: string, ...params: unknown[]): T[];
  /** Removes the project folder (call it in the test file's `after`). */
  cleanup(): void;
}

export async function runTinySweep(spec = RESULTS_SPEC): Promise<ResultsProject> {
  const dir = tempProject({ 'tiny.yaml': spec });
  const run = await runCli(['run', 'tiny.yaml', '--workers', '2'], { cwd: dir });
  assert.equal(run.code, 0, `tfsweep run failed:\n${run.stderr}`);
  const dbPath = path.join(dir, 'results', 'tfsweep.db');
  return {
    dir,
    dbPath,
    cli: (args) => runCli(args, { cwd: dir }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    sql: <T>(query: string, ...params: unknown[]) => {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare(query).all(...params) as T[];
      } finally {
        db.close();
      }
    },
  };
}

/**
 * Adds a hand-built sweep named `halving` through the store API, for what the tiny run
 * cannot produce on demand: trials stopped by early termination (`pruned` at rung 2),
 * one that diverged and one that failed, with their reasons. 2 x 2 plan: normalization
 * x learning_rate, 4 planned epochs each.
 */
export async function addHalvingSweep(dbPath: string): Promise<{ ids: Record<'best' | 'completed' | 'pruned' | 'diverged' | 'failed', number> }> {
  const store = openStore(dbPath);
  try {
    const plan: PlannedTrial[] = [];
    for (const normalization of ['sample', 'none']) {
      for (const learning_rate of [0.01, 10]) {
        const params: Record<string, ParamValue> = { epochs: 4, learning_rate, normalization, seed: 1 };
        plan.push({
          idx: plan.length,
          key: createHash('sha256').update(`halving ${JSON.stringify(params)}`).digest('hex').slice(0, 16),
          params,
        } as unknown as PlannedTrial);
      }
    }
    const { sweep } = await store.openSweep({
      name: 'halving',
      specYaml: 'name: halving\n',
      specHash: 'halving-fixture',
      metric: { name: 'val_r2', goal: 'maximize' },
      trials: plan,
    });
    const [a, b, c, d] = await store.listTrials(sweep.id);
    const curve = (r2s: number[]): EpochMetrics[] => r2s.map((r2, i) => ({
      epoch: i + 1, loss: 1 - r2 / 2, val_loss: 1 - r2, val_mse: (1 - r2) * 1.5e-6, val_mae: 0.001, val_r2: r2,
      val_nmse: 1 - r2, val_corr: r2, seconds: 0.1,
    }));
    const result = (status: TrialResult['status'], epochs: EpochMetrics[], reason: string | null = null): TrialResult & { rung?: number } => {
      const last = epochs[epochs.length - 1];
      const final: FinalMetrics | null = last && status !== 'diverged' && status !== 'failed'
        ? { ...epochValues(last), identity_hits: 3, diag_mean: 0.5 }
        : null;
      return {
        status, reason, epochs, final, best_epoch: final ? last.epoch : null, warnings: [], weights: null, backend: 'cpu',
      };
    };
    await store.finishTrial(a.id, result('completed', curve([0.2, 0.5, 0.7, 0.8])), 1.5);
    await store.finishTrial(b.id, result('diverged', curve([-3]), 'loss became NaN at epoch 2'), 0.4);
    await store.finishTrial(c.id, { ...result('pruned', curve([0.05, 0.1]), 'stopped by the sweep after epoch 2'), rung: 2 }, 0.5);
    await store.finishTrial(d.id, result('failed', [], 'Error: worker died (exit code 1)'), 0.1);
    await store.releaseSweep(sweep.id, 'completed');
    return { ids: { best: a.id, completed: a.id, diverged: b.id, pruned: c.id, failed: d.id } };
  } finally {
    await store.close();
  }
}

/**
 * Adds a hand-built sweep named `blowup` (normalization x 2 seeds): `feature` learns
 * (val_r2 0.8, 0.85) except for one run that exploded (val_r2 -1.3e9); `none` is middling
 * (0.5, 0.6). By the mean `none` would win; by the median `feature` does.
 */
export async function addBlowUpSweep(dbPath: string): Promise<void> {
  const store = openStore(dbPath);
  try {
    const values: [string, number, number][] = [['feature', 1, 0.8], ['feature', 2, -1.3e9], ['feature', 3, 0.85], ['none', 1, 0.5], ['none', 2, 0.6]];
    const plan = values.map(([normalization, seed], idx) => {
      const params: Record<string, ParamValue> = { normalization, seed };
      return { idx, key: createHash('sha256').update(`blowup ${JSON.stringify(params)}`).digest('hex').slice(0, 16), params } as unknown as PlannedTrial;
    });
    const { sweep } = await store.openSweep({
      name: 'blowup', specYaml: 'name: blowup\n', specHash: 'blowup-fixture', metric: { name: 'val_r2', goal: 'maximize' }, trials: plan,
    });
    const trials = await store.listTrials(sweep.id);
    for (const [i, t] of trials.entries()) {
      const r2 = values[i][2];
      const epoch: EpochMetrics = {
        epoch: 1, loss: 0.1, val_loss: 1 - r2, val_mse: 1 - r2, val_mae: 0.1, val_r2: r2, val_nmse: 1 - r2, val_corr: 0.5, seconds: 0.1,
      };
      await store.finishTrial(t.id, {
        status: 'completed', reason: null, epochs: [epoch], final: { ...epochValues(epoch), identity_hits: null, diag_mean: null },
        best_epoch: 1, warnings: [], weights: null, backend: 'cpu',
      }, 0.1);
    }
    await store.releaseSweep(sweep.id, 'completed');
  } finally {
    await store.close();
  }
}
