import * as tf from '@tensorflow/tfjs';
import type { PlannedTrial } from '../src/planner/trial.js';
import { regressionMetrics } from '../src/tasks/regression-metrics.js';
import { denormalizeRows } from '../src/data/normalization.js';
import { prepareTrialData } from '../src/train/trial-data.js';
import { unitsOf } from '../src/train/build-model.js';
import type { Dataset } from '../src/train/types.js';
import { isDenseLayer } from '../src/config/types.js';

/**
 * The baseline a user would write by hand: for each config, a fresh Dense model,
 * model.compile + model.fit (shuffle on, verbose 0) on the normalized training rows, then
 * val_r2 in original units. TensorFlow.js layers refuse activity regularizers, so the
 * activity penalty (Keras: l1 * sum|out| + l2 * sum out^2 over the batch, / batch size) is
 * folded into a custom loss, which is exact for a one-layer model (its output is the layer's).
 * Returns the trial's val_r2 (null when not finite).
 */
export async function naiveFitTrial(t: PlannedTrial, ds: Dataset): Promise<number | null> {
  const p = t.train;
  const data = prepareTrialData(ds, p.normalization);
  const layer = 'layers' in t.model ? t.model.layers[0] : null;
  if (layer === null || !isDenseLayer(layer)) throw new Error('the naive baseline handles the one-dense-layer seed model only');
  const units = unitsOf(layer.units, data.nIn);
  const model = tf.sequential({ layers: [tf.layers.dense({ units, inputShape: [data.nIn], activation: 'linear' })] });
  const optimizer = p.optimizer === 'sgd' ? tf.train.sgd(p.learning_rate)
    : p.optimizer === 'adam' ? tf.train.adam(p.learning_rate)
      : p.optimizer === 'rmsprop' ? tf.train.rmsprop(p.learning_rate)
        : null;
  if (optimizer === null) throw new Error(`the naive baseline has no ${p.optimizer}`);
  const reg = p.activity_regularizer;
  const loss = (yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor => {
    let total: tf.Tensor = tf.mean(tf.squaredDifference(yPred, yTrue));
    const rows = yPred.shape[0] ?? 1;
    if (reg?.l1) total = tf.add(total, tf.div(tf.mul(tf.sum(tf.abs(yPred)), reg.l1), rows));
    if (reg?.l2) total = tf.add(total, tf.div(tf.mul(tf.sum(tf.square(yPred)), reg.l2), rows));
    return total;
  };
  model.compile({ optimizer, loss });
  const xTrain = tf.tensor2d(data.x.subarray(0, data.trainRows * data.nIn), [data.trainRows, data.nIn]);
  const yTrain = data.y === data.x ? xTrain : tf.tensor2d(data.y.subarray(0, data.trainRows * data.nOut), [data.trainRows, data.nOut]);
  const xVal = tf.tensor2d(data.x.subarray(data.trainRows * data.nIn), [data.valRows, data.nIn]);
  try {
    await model.fit(xTrain, yTrain, { epochs: p.epochs, batchSize: p.batch_size, shuffle: true, verbose: 0 });
    const pred = tf.tidy(() => model.predict(xVal) as tf.Tensor).dataSync() as Float32Array;
    const original = denormalizeRows(pred, data.nOut, data.trainRows, data.targetAffine);
    const r2 = regressionMetrics(data.yOrig.subarray(data.trainRows * data.nOut), original, data.nOut, data.autoencoder).val_r2;
    return Number.isFinite(r2) ? r2 : null;
  } finally {
    tf.dispose([xTrain, yTrain, xVal]);
    optimizer.dispose();
    model.dispose();
  }
}
