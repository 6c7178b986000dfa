/**
 * Metrics as named values. A trial's metrics travel as a plain record keyed by metric
 * name (see metric-registry.ts for the names tfsweep knows); a value is null when the
 * task could not measure it (no validation rows, not an autoencoder, ...), never NaN.
 */
export type MetricValues = Record<string, number | null>;

/**
 * One epoch: its 1-based number, its wall seconds, and every metric measured at its end.
 * Every task reports a training loss, so `loss` is always a number.
 */
export type EpochMetrics = MetricValues & { epoch: number; seconds: number; loss: number };

/** A trial's final metrics: its chosen epoch's values plus end-of-training statistics. */
export type FinalMetrics = MetricValues & { loss: number };

export type Goal = 'maximize' | 'minimize';

/** The metric a sweep ranks by and the direction that is better. */
export interface SweepMetric {
  name: string;
  goal: Goal;
}

/** The value of metric `name` in `values`, or null when it is absent or not finite. */
export function metricValue(values: MetricValues | null | undefined, name: string): number | null {
  const v = values?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The metric entries of an epoch record (without `epoch` and `seconds`). */
export function epochValues(m: EpochMetrics): FinalMetrics {
  const { epoch: _epoch, seconds: _seconds, ...values } = m;
  return values;
}
