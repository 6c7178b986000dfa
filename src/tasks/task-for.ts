import type { Dataset } from '../core/dataset.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { OutputReading } from './classification-losses.js';
import { classificationTask } from './classification.js';
import { regression } from './regression.js';
import type { Task } from './task.js';
import { isDenseLayer } from '../config/types.js';

/**
 * The task a trial trains for: classification when its data holds class labels (the
 * spec's task, recorded as data.labels), else regression. A classifier needs the
 * dataset's classes and how its outputs are read: `reading` when the caller built the
 * model and looked (a module), else from the layer list (a linear last layer gives
 * logits, softmax or sigmoid probabilities).
 */
export function taskFor(trial: Pick<PlannedTrial, 'train' | 'data' | 'model'>, dataset?: Pick<Dataset, 'classes'>, reading?: OutputReading): Task {
  if (trial.data.labels !== true) return regression;
  const classes = dataset?.classes;
  if (classes === undefined) throw new Error('a classification trial needs its dataset\'s classes');
  return classificationTask(classes, trial.train.loss, reading ?? layerListReading(trial));
}

/**
 * From the spec: logits unless the last dense layer's activation is softmax or sigmoid.
 * For dense and dropout lists; one with other layers is read from its built model
 * (readingOf), as a module is.
 */
export function layerListReading(trial: Pick<PlannedTrial, 'train' | 'model'>): OutputReading {
  const labelSmoothing = trial.train.label_smoothing ?? 0;
  if (!('layers' in trial.model)) return { fromLogits: true, labelSmoothing };
  const dense = trial.model.layers.filter(isDenseLayer);
  const act = dense[dense.length - 1]?.activation;
  return { fromLogits: act !== 'softmax' && act !== 'sigmoid', labelSmoothing };
}
