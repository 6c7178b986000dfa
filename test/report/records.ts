import type { ParamValue } from '../../src/config/types.js';
import type { SweepRecord, TrialRecord } from '../../src/storage/store.js';
import type { EpochMetrics } from '../../src/train/types.js';

/** Hand-built store records for the pure report modules. */

export function sweepRecord(over: Partial<SweepRecord> = {}): SweepRecord {
  return {
    id: 1, name: 'grid', spec_yaml: 'name: grid\n', spec_hash: 'h', status: 'completed',
    created_at: '2025-03-04T05:06:07.000Z', updated_at: '2025-03-04T06:00:00.000Z', last_run_at: '2025-03-04T05:06:08.000Z',
    metric_name: 'val_r2', metric_goal: 'maximize', owner_pid: null, owner_host: null,
    ...over,
  };
}

let nextId = 1;

/** A completed trial with the given params and val_r2 (other metrics derived from it). */
export function trialRecord(params: Record<string, ParamValue>, r2: number | null, over: Partial<TrialRecord> = {}): TrialRecord {
  const id = over.id ?? nextId++;
  return {
    id, sweep_id: 1, trial_key: `key${id}`, idx: id - 1, params: { epochs: 4, ...params }, status: 'completed', attempt: 1,
    backend: 'cpu', started_at: null, finished_at: null, duration_s: 1, epochs_done: 4, best_epoch: 4, error: null, warnings: [], confusion: null,
    final: r2 === null ? null : {
      loss: 1 - r2, val_loss: 1 - r2, val_mse: (1 - r2) * 2e-6, val_mae: 0.001, val_r2: r2, val_nmse: 1 - r2, val_corr: null,
      identity_hits: 2, diag_mean: 0.4,
    },
    rung: null, reused_from: null,
    ...over,
  };
}

export function epochs(r2s: number[]): EpochMetrics[] {
  return r2s.map((r2, i) => ({
    epoch: i + 1, loss: 2 ** -i, val_loss: 1 - r2, val_mse: (1 - r2) * 2e-6, val_mae: 0.001, val_r2: r2, val_nmse: 1 - r2,
    val_corr: null, seconds: 0.5,
  }));
}
