import type { ResultStore } from '../store/store.js';
import type { EpochMetrics } from '../train/types.js';

/**
 * Collects live epoch rows from workers and writes them in one transaction per flush,
 * so a fast sweep does not pay one fsync per epoch. Rows are idempotent per
 * (trial, epoch) in the store, so a flush after a retry simply overwrites.
 */
export class EpochBuffer {
  private rows: { trialId: number; m: EpochMetrics }[] = [];
  constructor(private readonly store: ResultStore) {}

  add(trialId: number, m: EpochMetrics): void {
    this.rows.push({ trialId, m });
  }

  flush(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.store.recordEpochs(rows);
  }
}
