import type { Goal, MetricValues } from './metrics.js';

/**
 * The one list of metrics tfsweep knows. Spec validation, ranking, tables, exports, the
 * report and the database's `results` / `epoch_results` views all read it, so a new
 * metric is one entry here plus the task that computes it: values are stored as rows
 * (`trial_values`, `epoch_values`), so no migration is needed.
 */
export interface MetricDef {
  name: string;
  /** The direction that is better; what ranking uses when the sweep does not say. */
  goal: Goal;
  description: string;
  /** Tasks that produce it (see tasks/). */
  tasks: readonly string[];
  /** Measured at every epoch; false: only at the end of a trial (from its weights). */
  perEpoch: boolean;
  /** A count: typed INTEGER in the views and printed without decimals. */
  integer?: boolean;
  /** Bounded above by 1 (r2, correlation): charts clamp its far negative values. */
  upToOne?: boolean;
}

const BUILTIN: readonly MetricDef[] = [
  { name: 'loss', goal: 'minimize', tasks: ['regression'], perEpoch: true,
    description: 'training loss as optimized (with regularization), in the normalized space' },
  { name: 'val_loss', goal: 'minimize', tasks: ['regression'], perEpoch: true,
    description: 'validation loss, same space as loss, without regularization' },
  { name: 'val_mse', goal: 'minimize', tasks: ['regression'], perEpoch: true,
    description: 'validation mean squared error in the data\'s units' },
  { name: 'val_mae', goal: 'minimize', tasks: ['regression'], perEpoch: true,
    description: 'validation mean absolute error in the data\'s units' },
  { name: 'val_r2', goal: 'maximize', tasks: ['regression'], perEpoch: true, upToOne: true,
    description: '1 - SSE/SST per target column, averaged over columns' },
  { name: 'val_nmse', goal: 'minimize', tasks: ['regression'], perEpoch: true,
    description: 'val_mse divided by the variance of the targets' },
  { name: 'val_corr', goal: 'maximize', tasks: ['regression'], perEpoch: true, upToOne: true,
    description: 'autoencoders: mean over rows of Pearson(row, reconstruction)' },
  { name: 'identity_hits', goal: 'maximize', tasks: ['regression'], perEpoch: false, integer: true,
    description: 'autoencoders whose first dense layer is square: columns whose largest weight is on the diagonal (null otherwise)' },
  { name: 'diag_mean', goal: 'maximize', tasks: ['regression'], perEpoch: false,
    description: 'autoencoders whose first dense layer is square: mean of its diagonal (null otherwise)' },
];

const registry = new Map<string, MetricDef>(BUILTIN.map((d) => [d.name, d]));

/** Every metric, in table order (the order of the views' columns). */
export function registeredMetrics(): MetricDef[] {
  return [...registry.values()];
}

export function metricDef(name: string): MetricDef | undefined {
  return registry.get(name);
}

/** Names of the metrics measured every epoch, in table order. */
export function epochMetricNames(): string[] {
  return registeredMetrics().filter((d) => d.perEpoch).map((d) => d.name);
}

/** Names of every metric, in table order. */
export function metricNames(): string[] {
  return [...registry.keys()];
}

/** The natural direction of a metric; an unknown name is minimised (as a loss). */
export function defaultGoal(name: string): Goal {
  return registry.get(name)?.goal ?? 'minimize';
}

/**
 * Adds a metric (a task that computes a new value registers it once, at load). Names are
 * lower-case identifiers, so they can be view columns; re-registering the same name with
 * another definition is refused.
 */
export function registerMetric(def: MetricDef): void {
  if (!/^[a-z][a-z0-9_]*$/.test(def.name)) throw new Error(`metric name '${def.name}' must match [a-z][a-z0-9_]*`);
  const known = registry.get(def.name);
  if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`metric '${def.name}' is already registered differently`);
  registry.set(def.name, def);
}

/**
 * The metric names to show for some records: every registered one (per-epoch ones only
 * when `perEpoch`), then names present in the records that the registry does not know
 * (stored by another version), sorted.
 */
export function metricColumnsFor(records: Iterable<MetricValues | null>, perEpoch = false): string[] {
  const known = perEpoch ? epochMetricNames() : metricNames();
  const seen = new Set(known);
  const extra = new Set<string>();
  for (const r of records) {
    if (!r) continue;
    for (const k of Object.keys(r)) if (!seen.has(k) && k !== 'epoch' && k !== 'seconds') extra.add(k);
  }
  return [...known, ...[...extra].sort()];
}
