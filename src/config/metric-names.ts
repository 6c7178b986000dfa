import { METRIC_ALIASES, metricNames } from '../core/metric-registry.js';

export { defaultGoal } from '../core/metric-registry.js';

/** Metrics a sweep can rank by: the registry's names (core/metric-registry.ts), in table order. */
export const METRIC_NAMES = [...metricNames(), ...Object.keys(METRIC_ALIASES)] as [string, ...string[]];

export const DEFAULT_METRIC = 'val_r2';
/** A classification sweep's default metric (what most W&B configs optimise). */
export const DEFAULT_CLASSIFICATION_METRIC = 'val_accuracy';
