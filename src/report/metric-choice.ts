import { UsageError } from '../errors.js';
import { defaultGoal, metricDef, metricNames } from '../core/metric-registry.js';
import type { MetricValues } from '../core/metrics.js';
import type { SweepRecord } from '../storage/store.js';
import type { Goal } from './rank.js';

export interface MetricChoice {
  name: string;
  goal: Goal;
}

/**
 * The metric a result command ranks by: the one named (`--metric`), else the sweep's
 * own. The goal is `--goal` when given, else the sweep's goal for its own metric, else
 * the metric's natural direction (val_r2 up, val_mse down). Unknown names: UsageError.
 */
export function chooseMetric(sweep: Pick<SweepRecord, 'metric_name' | 'metric_goal'>, metric?: string, goal?: string): MetricChoice {
  const name = metric ?? sweep.metric_name;
  if (!metricNames().includes(name) && name !== sweep.metric_name) {
    throw new UsageError(`unknown metric '${name}'; choose one of: ${metricNames().join(', ')}`, 'E_METRIC');
  }
  if (goal !== undefined && goal !== 'maximize' && goal !== 'minimize') {
    throw new UsageError(`--goal must be maximize or minimize, got '${goal}'`, 'E_USAGE');
  }
  const fallback = name === sweep.metric_name ? sweep.metric_goal : defaultGoal(name);
  return { name, goal: (goal as Goal | undefined) ?? fallback };
}

/**
 * The metric columns a table shows: the ranking metric first, then the usual companions
 * of the sweep's task (a classifier's when the ranking metric or any of `finals` is one).
 */
export function metricColumns(first: string, finals: Iterable<MetricValues | null> = []): string[] {
  let classifier = metricDef(first)?.tasks.includes('regression') === false;
  for (const f of finals) if (f !== null && f.val_accuracy !== undefined) classifier = true;
  const companions = classifier ? ['val_accuracy', 'val_f1', 'val_loss', 'loss'] : ['val_r2', 'val_mse', 'loss'];
  return [first, ...companions.filter((m) => m !== first)];
}
