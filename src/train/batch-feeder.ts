import { createPrng, type Prng } from '../core/prng.js';

/** One batch: row-major views of `rows` consecutive rows of the epoch's shuffled copy. */
export interface Batch {
  x: Float32Array;
  /** The same view as `x` when the targets are the inputs. */
  y: Float32Array;
  rows: number;
}

/**
 * Feeds the training rows in batches, reshuffled every epoch by a seeded generator (Keras's
 * shuffle=True). Each epoch the rows are copied in shuffled order into one reusable buffer,
 * and a batch is a view on it: turning a view into a tensor on the cpu/wasm/node backends
 * is a memcpy of bs rows, measured far cheaper per step than a gather from an uploaded
 * matrix (see bench/train-step.ts). Views are valid until the next `shuffle()`.
 * Pure JS: a fused group can run one feeder per member.
 */
export class BatchFeeder {
  readonly steps: number;
  private readonly perm: Int32Array;
  private readonly rng: Prng;
  private readonly xBuf: Float32Array;
  private readonly yBuf: Float32Array | null;

  constructor(
    private readonly x: Float32Array,
    private readonly y: Float32Array,
    private readonly nIn: number,
    private readonly nOut: number,
    readonly trainRows: number,
    readonly batchSize: number,
    seed: number,
  ) {
    this.steps = Math.ceil(trainRows / batchSize);
    this.perm = new Int32Array(trainRows);
    for (let i = 0; i < trainRows; i++) this.perm[i] = i;
    this.rng = createPrng(seed);
    this.xBuf = new Float32Array(trainRows * nIn);
    this.yBuf = y === x ? null : new Float32Array(trainRows * nOut);
  }

  /** Starts an epoch: a fresh Fisher-Yates permutation of the training rows, copied out in that order. */
  shuffle(): void {
    const p = this.perm;
    for (let i = p.length - 1; i > 0; i--) {
      const j = this.rng.nextInt(i + 1);
      const t = p[i]; p[i] = p[j]; p[j] = t;
    }
    copyRows(this.x, this.nIn, p, this.xBuf);
    if (this.yBuf !== null) copyRows(this.y, this.nOut, p, this.yBuf);
  }

  /** The epoch's order of training rows (valid after shuffle()). */
  get order(): Int32Array {
    return this.perm;
  }

  batch(step: number): Batch {
    const start = step * this.batchSize;
    const rows = Math.min(this.batchSize, this.trainRows - start);
    const x = this.xBuf.subarray(start * this.nIn, (start + rows) * this.nIn);
    const y = this.yBuf === null ? x : this.yBuf.subarray(start * this.nOut, (start + rows) * this.nOut);
    return { x, y, rows };
  }
}

function copyRows(src: Float32Array, cols: number, order: Int32Array, dst: Float32Array): void {
  for (let i = 0; i < order.length; i++) {
    const from = order[i] * cols;
    dst.set(src.subarray(from, from + cols), i * cols);
  }
}
