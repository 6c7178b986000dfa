import assert from 'node:assert/strict';
import type { PlannedTrial } from '../../src/planner/trial.js';
import type { ModelSpec, TrainParams } from '../../src/config/types.js';
import type { Dataset, EpochMetrics, Trainer, TrialResult } from '../../src/train/types.js';
import type { GroupTrainOptions } from '../../src/train/types.js';
import { makeTrial, tensorCount } from './helpers.js';

/** A hand-built trial with a plan index (fused results are matched to trials by it). */
export function indexedTrial(index: number, train: Partial<TrainParams>, model?: ModelSpec): PlannedTrial {
  return { ...makeTrial(train, model), idx: index, key: `t${index}` };
}

/** Trains `runs` as one fused group; results by plan index. Checks the tensor count is restored. */
export async function trainFused(
  trainer: Trainer, runs: PlannedTrial[][], data: Dataset, extra: Partial<GroupTrainOptions> = {},
): Promise<Map<number, TrialResult>> {
  const before = tensorCount();
  const out = new Map<number, TrialResult>();
  await trainer.trainGroup({ runs }, data, {
    ...extra,
    onResult: (t, r) => {
      assert.ok(!out.has(t.idx), `trial ${t.idx} reported twice`);
      out.set(t.idx, r);
    },
  });
  assert.equal(tensorCount(), before, 'tensor count after a fused group');
  for (const trials of runs) for (const t of trials) assert.ok(out.has(t.idx), `trial ${t.idx} not reported`);
  return out;
}

const VAL_KEYS = ['val_loss', 'val_mse', 'val_mae', 'val_r2', 'val_nmse', 'val_corr'] as const;

/** Validation metrics agree within `rel` relative (absolute below 1e-6), epoch by epoch. */
export function assertSameCurve(a: EpochMetrics[], b: EpochMetrics[], rel: number, label: string): void {
  assert.equal(a.length, b.length, `${label}: epoch count`);
  a.forEach((ea, i) => {
    const eb = b[i];
    for (const k of VAL_KEYS) {
      const x = ea[k];
      const y = eb[k];
      if (x === null || y === null) {
        assert.equal(x, y, `${label} epoch ${i + 1} ${k}`);
        continue;
      }
      const tol = Math.max(rel * Math.max(Math.abs(x), Math.abs(y)), 1e-6);
      assert.ok(Math.abs(x - y) <= tol, `${label} epoch ${i + 1} ${k}: fused ${x} vs solo ${y}`);
    }
  });
}
