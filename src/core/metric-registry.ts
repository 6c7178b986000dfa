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
  { name: 'loss', goal: 'minimize', tasks: ['regression', 'classification'], perEpoch: true,
    description: 'training loss as optimized (with regularization), in the normalized space' },
  { name: 'val_loss', goal: 'minimize', tasks: ['regression', 'classification'], perEpoch: true,
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
  { name: 'accuracy', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'share of the training rows classified right, at the end of the epoch (alias acc)' },
  { name: 'val_accuracy', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'share of the validation rows classified right (alias val_acc)' },
  { name: 'val_balanced_accuracy', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'mean over classes of the recall (scikit-learn balanced_accuracy_score)' },
  { name: 'val_f1', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'macro F1: the unweighted mean over classes of F1' },
  { name: 'val_auc', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'ROC AUC (two classes); macro one-vs-rest over classes otherwise' },
  { name: 'val_top_k_accuracy', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'share of validation rows whose class is among the k most likely (k = 5; null with 5 classes or fewer)' },
  { name: 'val_majority_rate', goal: 'maximize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'share of the validation rows in their most common class: the accuracy of always guessing it' },
  { name: 'val_top_class_share', goal: 'minimize', tasks: ['classification'], perEpoch: true, upToOne: true,
    description: 'share of the validation predictions that fall in the most predicted class' },
];

/** Other spellings a spec may use for a metric (Keras's and W&B configs' short names). */
export const METRIC_ALIASES: Readonly<Record<string, string>> = { acc: 'accuracy', val_acc: 'val_accuracy' };

/** The registered name for `name` or one of its aliases. */
export function canonicalMetric(name: string): string {
  return METRIC_ALIASES[name] ?? name;
}

/** Names of the metrics a task produces, in table order. */
export function metricsOfTask(task: string): string[] {
  return BUILTIN.filter((d) => d.tasks.includes(task)).map((d) => d.name);
}

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
 * The metric names to show for some records: the registered ones of the records' task
 * (per-epoch ones only when `perEpoch`; the task is the one whose own metrics the records
 * hold, regression when they hold none), then names present in the records that the
 * registry does not know (stored by another version), sorted.
 */
export function metricColumnsFor(records: Iterable<MetricValues | null>, perEpoch = false): string[] {
  const all = perEpoch ? registeredMetrics().filter((d) => d.perEpoch) : registeredMetrics();
  const list = [...records];
  const tasks = new Set<string>();
  for (const r of list) {
    if (!r) continue;
    for (const k of Object.keys(r)) {
      const def = registry.get(k);
      if (def !== undefined && def.tasks.length === 1 && r[k] !== null && r[k] !== undefined) tasks.add(def.tasks[0]);
    }
  }
  if (tasks.size === 0) tasks.add('regression');
  const known = all.filter((d) => d.tasks.some((t) => tasks.has(t))).map((d) => d.name);
  const seen = new Set(registry.keys());
  const extra = new Set<string>();
  for (const r of list) {
    if (!r) continue;
    for (const k of Object.keys(r)) if (!seen.has(k) && k !== 'epoch' && k !== 'seconds') extra.add(k);
  }
  return [...known, ...[...extra].sort()];
}
