import type { BatchFeeder } from '../batch-feeder.js';

/**
 * Builds a fused step's [K, rows, cols] input (and target) buffers by copying each
 * member's batch rows from its feeder's shuffled copy (a memcpy of K x rows rows, measured
 * far cheaper than a gather on the device). Members that share normalization and seed
 * share one feeder, so they see the same rows, exactly as their solo runs would.
 */
export class MemberBatches {
  private x: Float32Array;
  private y: Float32Array | null;

  constructor(
    private feeders: BatchFeeder[],
    private readonly nIn: number,
    private readonly nOut: number,
    private readonly autoencoder: boolean,
  ) {
    const bs = feeders[0].batchSize;
    this.x = new Float32Array(feeders.length * bs * nIn);
    this.y = autoencoder ? null : new Float32Array(feeders.length * bs * nOut);
  }

  /** Keeps the members at `indices` (after some left the group). */
  keep(indices: number[]): void {
    this.feeders = indices.map((i) => this.feeders[i]);
  }

  get members(): number {
    return this.feeders.length;
  }

  /** Step `s` of the epoch: rows per member and views of [K * rows * cols] values (valid until the next call). */
  batch(s: number): { rows: number; x: Float32Array; y: Float32Array } {
    let rows = 0;
    const k = this.feeders.length;
    this.feeders.forEach((f, i) => {
      const b = f.batch(s);
      rows = b.rows;
      this.x.set(b.x, i * rows * this.nIn);
      if (this.y !== null) this.y.set(b.y, i * rows * this.nOut);
    });
    const x = this.x.subarray(0, k * rows * this.nIn);
    return { rows, x, y: this.y === null ? x : this.y.subarray(0, k * rows * this.nOut) };
  }
}
