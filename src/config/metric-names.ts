import { metricNames } from '../core/metric-registry.js';

export { defaultGoal } from '../core/metric-registry.js';

/** Metrics a sweep can rank by: the registry's names (core/metric-registry.ts), in table order. */
export const METRIC_NAMES = metricNames() as [string, ...string[]];

export const DEFAULT_METRIC = 'val_r2';
