import { TrialStop } from './trial-stop.js';

/** Checked between batches. */
export interface EpochControl {
  epoch: number;
  shouldStop?: () => boolean;
  /** performance.now() value after which the trial times out (Infinity for none). */
  deadline: number;
  timeLimitMs?: number;
}

/** Longest stretch of synchronous training before yielding to the event loop (messages, timers). */
export const YIELD_EVERY_MS = 50;

/**
 * What every training loop checks between batches, solo or fused: a stop request
 * (Ctrl-C) or a passed deadline ends the epoch with TrialStop, and every YIELD_EVERY_MS
 * the loop yields so the worker's port messages and timers run.
 */
export class BatchGate {
  private lastYield = performance.now();

  constructor(private readonly control: EpochControl) {}

  /** Throws TrialStop when stopped or out of time; a promise to await when it is time to yield, else null. */
  check(): Promise<void> | null {
    const c = this.control;
    const now = performance.now();
    if (c.shouldStop?.() === true) throw new TrialStop('interrupted', `stopped during epoch ${c.epoch}`);
    if (now > c.deadline) throw new TrialStop('timeout', `time limit of ${c.timeLimitMs} ms reached during epoch ${c.epoch}`);
    if (now - this.lastYield <= YIELD_EVERY_MS) return null;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.lastYield = performance.now();
    });
  }
}
