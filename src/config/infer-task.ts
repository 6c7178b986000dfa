import { metricDef, canonicalMetric } from '../core/metric-registry.js';
import { isPlainObject } from './describe-value.js';
import { taskOfLoss, type TaskName } from './types.js';

/** How a sweep's task was decided: said, or the first clue found (what `plan` shows). */
export interface TaskChoice {
  task: TaskName;
  why: 'task' | 'loss' | 'metric' | 'classes' | 'units' | 'labels' | 'default';
}

/**
 * The task of a raw (validated) spec, W&B-style inference for specs that do not say:
 * `task` when given; else classification when a loss the spec names is a classification
 * loss, when the metric is a classification metric, when data.classes is given, or when a
 * layer has `units: classes`; else
 * classification when `textLabels` says the target column holds text (the caller reads
 * the data: config does no such I/O); else regression. Pure.
 */
export function inferTask(raw: Record<string, unknown>, textLabels: () => boolean): TaskChoice {
  if (raw.task === 'regression' || raw.task === 'classification') return { task: raw.task, why: 'task' };
  const params = isPlainObject(raw.parameters) ? raw.parameters : {};
  const loss = params.loss;
  if (isPlainObject(loss)) {
    const named = [loss.value, ...(Array.isArray(loss.values) ? loss.values : [])].filter((v): v is string => typeof v === 'string');
    if (named.some((l) => taskOfLoss(l) === 'classification')) return { task: 'classification', why: 'loss' };
  }
  const metric = isPlainObject(raw.metric) && typeof raw.metric.name === 'string' ? metricDef(canonicalMetric(raw.metric.name)) : undefined;
  if (metric !== undefined && !metric.tasks.includes('regression')) return { task: 'classification', why: 'metric' };
  if (isPlainObject(raw.data) && raw.data.classes !== undefined) return { task: 'classification', why: 'classes' };
  const model = isPlainObject(raw.model) ? raw.model : {};
  if (Array.isArray(model.layers) && model.layers.some((l) => isPlainObject(l) && l.units === 'classes')) return { task: 'classification', why: 'units' };
  if (textLabels()) return { task: 'classification', why: 'labels' };
  return { task: 'regression', why: 'default' };
}
