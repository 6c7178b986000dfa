import type { EpochMetrics } from '../core/metrics.js';
import type { ResultStore } from '../storage/store.js';

/**
 * Collects live epoch rows from workers and writes them in one transaction per flush,
 * so a fast sweep does not pay one fsync per epoch. Rows are idempotent per
 * (trial, epoch) in the store, so a flush after a retry simply overwrites. Flushes are
 * chained: each one's rows are written after the previous flush's.
 */
export class EpochBuffer {
  private rows: { trialId: number; m: EpochMetrics }[] = [];
  private last: Promise<void> = Promise.resolve();
  constructor(private readonly store: ResultStore) {}

  add(trialId: number, m: EpochMetrics): void {
    this.rows.push({ trialId, m });
  }

  /** Writes the rows added so far; resolves when they (and every earlier flush) are stored. */
  flush(): Promise<void> {
    if (this.rows.length > 0) {
      const rows = this.rows;
      this.rows = [];
      this.last = this.last.then(() => this.store.recordEpochs(rows));
    }
    return this.last;
  }
}
