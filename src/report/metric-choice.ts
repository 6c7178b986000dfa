import { UsageError } from '../errors.js';
import { defaultGoal, metricNames } from '../core/metric-registry.js';
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

/** The metric columns a table shows: the ranking metric first, then the usual companions. */
export function metricColumns(first: string): string[] {
  return [first, ...['val_r2', 'val_mse', 'loss'].filter((m) => m !== first)];
}
