import type { EpochMetrics } from './types.js';
import type { IdentityStats } from './weight-stats.js';

export interface SweepMetric {
  name: string;
  goal: 'maximize' | 'minimize';
}

/** Keras's EarlyStopping default: watch val_loss, lower is better. */
export const DEFAULT_METRIC: SweepMetric = { name: 'val_loss', goal: 'minimize' };

/**
 * Tracks the best epoch by the sweep's metric and, with a patience, says when to stop:
 * after `patience` epochs in a row without a strict improvement (Keras min_delta 0).
 * Any epoch metric or weight statistic (identity_hits, diag_mean) can be watched. When
 * its value is null (no validation rows, val_corr without an autoencoder, no square
 * layer, an unknown name) the training loss is watched instead, lower is better.
 */
export class BestEpochTracker {
  bestEpoch: number | null = null;
  private best = 0;
  private sinceBest = 0;

  constructor(private readonly metric: SweepMetric, private readonly patience: number | null) {}

  /** Records an epoch; true when patience has run out. */
  update(m: EpochMetrics & Partial<IdentityStats>): boolean {
    const raw = (m as unknown as Record<string, unknown>)[this.metric.name];
    const usable = typeof raw === 'number' && Number.isFinite(raw);
    const value = usable ? raw : m.loss;
    const sign = usable && this.metric.goal === 'maximize' ? -1 : 1;
    const score = sign * value;
    if (this.bestEpoch === null || score < this.best) {
      this.best = score;
      this.bestEpoch = m.epoch;
      this.sinceBest = 0;
      return false;
    }
    this.sinceBest++;
    return this.patience !== null && this.sinceBest >= this.patience;
  }

  /** True when the last update() was a new best. */
  get improvedLast(): boolean {
    return this.sinceBest === 0;
  }
}
