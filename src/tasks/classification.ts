import type * as tf from '@tensorflow/tfjs';
import { CLASSIFICATION_LOSSES, NORMALIZATIONS, type Loss } from '../config/types.js';
import { classificationLoss, type ClassificationLoss, type OutputReading } from './classification-losses.js';
import { argmaxRows, CLASSIFICATION_METRIC_NAMES, classificationMetrics, confusionMatrix } from './classification-metrics.js';
import { encodeClassTargets } from './classification-targets.js';
import { classificationWarnings } from './classification-warnings.js';
import type { LossFormula, Task } from './task.js';

/**
 * Classification over `classes` (the names, in index order): targets one-hot (or one 0/1
 * column for binary_crossentropy), never normalized; Keras's losses reading the outputs
 * as logits or probabilities (`reading`); predictions decoded to class probabilities
 * (softmax of logits, sigmoid for one binary unit, probabilities renormalized), then
 * scikit-learn's metrics on them and the majority_class warning.
 */
export function classificationTask(classes: readonly string[], loss: Loss, reading: OutputReading): Task {
  const k = classes.length;
  const binary = loss === 'binary_crossentropy';
  if (binary && k !== 2) throw new Error(`binary_crossentropy needs two classes, the data has ${k}`);
  const width = binary ? 1 : k;
  const decode = (outputs: Float32Array, cols: number): Float64Array => {
    const rows = outputs.length / cols;
    const prob = new Float64Array(rows * k);
    for (let r = 0; r < rows; r++) {
      if (cols === 1) {
        const x = outputs[r];
        const p = reading.fromLogits ? 1 / (1 + Math.exp(-x)) : Math.min(1, Math.max(0, x));
        prob[r * 2] = 1 - p;
        prob[r * 2 + 1] = p;
        continue;
      }
      const row = outputs.subarray(r * cols, (r + 1) * cols);
      if (reading.fromLogits || loss === 'categorical_hinge') {
        let max = -Infinity;
        for (const v of row) max = Math.max(max, v);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += prob[r * k + c] = Math.exp(row[c] - max);
        for (let c = 0; c < k; c++) prob[r * k + c] /= sum;
      } else {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += Math.max(0, row[c]);
        for (let c = 0; c < k; c++) prob[r * k + c] = sum > 0 ? Math.max(0, row[c]) / sum : 1 / k;
      }
    }
    return prob;
  };
  return {
    name: 'classification',
    losses: CLASSIFICATION_LOSSES,
    loss(name: Loss): LossFormula {
      if (!(CLASSIFICATION_LOSSES as readonly string[]).includes(name)) {
        throw new Error(`classification has no loss '${name}' (known: ${CLASSIFICATION_LOSSES.join(', ')})`);
      }
      return classificationLoss(name as ClassificationLoss, reading);
    },
    normalizations: NORMALIZATIONS,
    encodeTargets: (_kind, targets) => encodeClassTargets(targets, k, width),
    decodeTargets: (outputs, cols) => decode(outputs, cols),
    metricNames: ['accuracy', ...CLASSIFICATION_METRIC_NAMES],
    metrics: (truth, pred) => ({ accuracy: null, ...classificationMetrics(truth, pred, k) }),
    warnings: classificationWarnings,
    trainMetrics: (truth, pred) => {
      const p = argmaxRows(pred, k, truth.length);
      let right = 0;
      for (let r = 0; r < truth.length; r++) if (p[r] === truth[r]) right++;
      return { accuracy: truth.length > 0 ? right / truth.length : null };
    },
    confusion: (truth, pred) => ({ classes: [...classes], counts: confusionMatrix(truth, argmaxRows(pred, k, truth.length), k) }),
  };
}

export { classifierWidth } from './classifier-width.js';

/** Layers that pass values through at inference (noise) or only reshape them: they do not change how outputs read. */
const PASS_THROUGH = new Set(['Dropout', 'SpatialDropout1D', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Flatten', 'Reshape']);

/**
 * How a built model's outputs are read: probabilities when its last layer (past any that
 * only reshape or add training noise) ends in softmax or sigmoid, or is a softmax layer;
 * logits otherwise (Keras's from_logits).
 */
export function readingOf(model: tf.LayersModel, labelSmoothing: number): OutputReading {
  let i = model.layers.length - 1;
  while (i > 0 && PASS_THROUGH.has(model.layers[i].getClassName())) i--;
  const last = model.layers[i];
  const config = last?.getConfig() as { activation?: unknown } | undefined;
  const act = last?.getClassName() === 'Softmax' ? 'softmax' : typeof config?.activation === 'string' ? config.activation : 'linear';
  return { fromLogits: act !== 'softmax' && act !== 'sigmoid', labelSmoothing };
}
