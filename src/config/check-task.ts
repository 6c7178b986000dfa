import { canonicalMetric, metricDef, metricsOfTask } from '../core/metric-registry.js';
import { isPlainObject } from './describe-value.js';
import type { SpecIssue } from './spec-issue.js';
import { CLASSIFICATION_LOSSES, REGRESSION_LOSSES, taskOfLoss, type TaskName } from './types.js';

/**
 * What must agree with the sweep's task (infer-task.ts): every loss it names, its metric,
 * label_smoothing and `units: classes` (classification only), and for a classifier one
 * target column read from a file. Runs on the raw spec; looks only at well-formed parts.
 */
export function checkTask(raw: Record<string, unknown>, task: TaskName): SpecIssue[] {
  const out: SpecIssue[] = [];
  const params = isPlainObject(raw.parameters) ? raw.parameters : {};
  const loss = params.loss;
  const fitting = task === 'classification' ? CLASSIFICATION_LOSSES : REGRESSION_LOSSES;
  if (isPlainObject(loss)) {
    const check = (v: unknown, path: (string | number)[]) => {
      if (typeof v === 'string' && taskOfLoss(v) !== undefined && taskOfLoss(v) !== task) {
        out.push({ path: ['parameters', 'loss', ...path], message: `${v} is a ${taskOfLoss(v)} loss, but this sweep is a ${task} (${whyHint(task)}); use ${fitting.join(', ')}` });
      }
    };
    check(loss.value, ['value']);
    if (Array.isArray(loss.values)) loss.values.forEach((v, i) => check(v, ['values', i]));
  }
  const metric = isPlainObject(raw.metric) && typeof raw.metric.name === 'string' ? raw.metric.name : undefined;
  const def = metric === undefined ? undefined : metricDef(canonicalMetric(metric));
  if (def !== undefined && !def.tasks.includes(task)) {
    out.push({ path: ['metric', 'name'], message: `${metric} is not measured for ${task}: use one of ${metricsOfTask(task).join(', ')}` });
  }
  if (task === 'regression' && params.label_smoothing !== undefined) {
    out.push({ path: ['parameters', 'label_smoothing'], atKey: true, message: 'label_smoothing applies to classification losses; this sweep is a regression' });
  }
  const model = isPlainObject(raw.model) ? raw.model : {};
  if (task === 'regression' && Array.isArray(model.layers)) {
    model.layers.forEach((l, i) => {
      if (isPlainObject(l) && l.units === 'classes') {
        out.push({ path: ['model', 'layers', i, 'units'], message: 'units: classes is for classifiers; this sweep says task: regression (give a number)' });
      }
    });
  }
  const data = isPlainObject(raw.data) ? raw.data : {};
  if (task === 'classification') {
    if (data.generate !== undefined) out.push({ path: ['data', 'generate'], message: 'classification reads class labels from a data file: give data.path' });
    const target = data.target ?? 'input';
    if (!(Array.isArray(target) && target.length === 1)) {
      out.push({ path: ['data', 'target'], message: `classification predicts one column of class labels: expected target: [<label column>], got ${JSON.stringify(target)}` });
    }
  }
  return out;
}

function whyHint(task: TaskName): string {
  return task === 'classification' ? 'task, metric, data.classes or text labels say so' : 'set task: classification to train a classifier';
}
