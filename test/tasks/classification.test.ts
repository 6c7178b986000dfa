import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { classificationLoss } from '../../src/tasks/classification-losses.js';
import { classificationMetrics, confusionMatrix, rocAuc } from '../../src/tasks/classification-metrics.js';
import { classificationWarnings } from '../../src/tasks/classification-warnings.js';
import { classificationTask, readingOf } from '../../src/tasks/classification.js';

const close = (a: number, b: number, tol = 1e-5, what = '') => assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b}`);
const value = (t: tf.Tensor) => t.dataSync()[0];

test('categorical_crossentropy: from logits and from probabilities, against hand-computed values and tf.losses', async () => {
  await tf.setBackend('cpu');
  const logits = [[2, 1, 0.1], [0.5, 2.5, -1]];
  const y = [[1, 0, 0], [0, 0, 1]];
  // By hand: -log softmax(logits)[true class], averaged over rows.
  const lse = (r: number[]) => Math.log(r.reduce((a, v) => a + Math.exp(v), 0));
  const want = ((lse(logits[0]) - 2) + (lse(logits[1]) - -1)) / 2;
  const f = classificationLoss('categorical_crossentropy', { fromLogits: true, labelSmoothing: 0 });
  close(value(f.tensor(tf.tensor2d(y), tf.tensor2d(logits))), want, 1e-5, 'from logits');
  close(value(tf.losses.softmaxCrossEntropy(tf.tensor2d(y), tf.tensor2d(logits))), want, 1e-5, 'tf.losses agrees');
  // From probabilities: the same loss on softmax outputs.
  const probs = tf.softmax(tf.tensor2d(logits));
  const g = classificationLoss('categorical_crossentropy', { fromLogits: false, labelSmoothing: 0 });
  close(value(g.tensor(tf.tensor2d(y), probs)), want, 1e-5, 'from probabilities');
  close(value(tf.mean(tf.metrics.categoricalCrossentropy(tf.tensor2d(y), probs))), want, 1e-5, 'tf.metrics agrees');
  // Label smoothing 0.3 over 3 classes: targets become 0.8 / 0.1 / 0.1 (Keras).
  const s = classificationLoss('categorical_crossentropy', { fromLogits: true, labelSmoothing: 0.3 });
  const sm = (r: number[]) => r.map((v) => v - lse(r));
  const wantS = -([0.8, 0.1, 0.1].reduce((a, t, i) => a + t * sm(logits[0])[i], 0) + [0.1, 0.1, 0.8].reduce((a, t, i) => a + t * sm(logits[1])[i], 0)) / 2;
  close(value(s.tensor(tf.tensor2d(y), tf.tensor2d(logits))), wantS, 1e-5, 'label smoothing');
  // Per member over a stacked [K, B, C] batch: one loss per member.
  const stacked = f.tensor(tf.tensor3d([y, y]), tf.tensor3d([logits, logits]), [1, 2]);
  assert.deepEqual(stacked.shape, [2]);
  close(stacked.dataSync()[1], want, 1e-5, 'member 1');
});

test('binary_crossentropy and categorical_hinge against hand-computed values', async () => {
  await tf.setBackend('cpu');
  const x = [1.5, -0.5, 3];
  const z = [1, 0, 0];
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const want = -x.reduce((a, v, i) => a + (z[i] * Math.log(sig(v)) + (1 - z[i]) * Math.log(1 - sig(v))), 0) / 3;
  const f = classificationLoss('binary_crossentropy', { fromLogits: true, labelSmoothing: 0 });
  close(value(f.tensor(tf.tensor2d(z, [3, 1]), tf.tensor2d(x, [3, 1]))), want, 1e-5, 'bce logits');
  close(value(tf.losses.sigmoidCrossEntropy(tf.tensor2d(z, [3, 1]), tf.tensor2d(x, [3, 1]))), want, 1e-5, 'tf.losses agrees');
  const g = classificationLoss('binary_crossentropy', { fromLogits: false, labelSmoothing: 0 });
  close(value(g.tensor(tf.tensor2d(z, [3, 1]), tf.tensor2d(x.map(sig), [3, 1]))), want, 1e-5, 'bce probabilities');
  // Hinge: max(0, max_wrong - true + 1) per row.
  const p = [[0.2, 0.9, -0.3], [1.5, 0.1, 0.4]];
  const y = [[0, 1, 0], [0, 0, 1]];
  const wantH = (Math.max(0, 0.2 - 0.9 + 1) + Math.max(0, 1.5 - 0.4 + 1)) / 2;
  const h = classificationLoss('categorical_hinge', { fromLogits: true, labelSmoothing: 0 });
  close(value(h.tensor(tf.tensor2d(y), tf.tensor2d(p))), wantH, 1e-6, 'hinge');
});

test('metrics: accuracy, balanced accuracy, macro F1, AUC, top-k and the confusion matrix, by hand', () => {
  // 3 classes; predictions by argmax of these probabilities.
  const truth = [0, 0, 1, 1, 2, 2];
  const prob = [
    0.7, 0.2, 0.1, // 0 -> 0
    0.3, 0.6, 0.1, // 0 -> 1
    0.1, 0.8, 0.1, // 1 -> 1
    0.2, 0.5, 0.3, // 1 -> 1
    0.1, 0.3, 0.6, // 2 -> 2
    0.5, 0.4, 0.1, // 2 -> 0
  ];
  assert.deepEqual(confusionMatrix(truth, [0, 1, 1, 1, 2, 0], 3), [[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
  const m = classificationMetrics(truth, prob, 3);
  close(m.val_accuracy!, 4 / 6);
  close(m.val_balanced_accuracy!, (0.5 + 1 + 0.5) / 3);
  // F1 per class: 2TP / (true + predicted): 2/4, 4/5, 2/3.
  close(m.val_f1!, (2 / 4 + 4 / 5 + 2 / 3) / 3);
  assert.equal(m.val_top_k_accuracy, null, 'k = 5 is undefined with 3 classes');
  close(m.val_majority_rate!, 2 / 6);
  close(m.val_top_class_share!, 3 / 6);
  // AUC: one-vs-rest per class, by counting pairs. Class 0 scores: pos {0.7, 0.3}, neg {0.1, 0.2, 0.1, 0.5}.
  const pairs = (pos: number[], neg: number[]) => pos.reduce((a, p) => a + neg.reduce((b, n) => b + (p > n ? 1 : p === n ? 0.5 : 0), 0), 0) / (pos.length * neg.length);
  const c0 = pairs([0.7, 0.3], [0.1, 0.2, 0.1, 0.5]);
  const c1 = pairs([0.8, 0.5], [0.2, 0.6, 0.3, 0.4]);
  const c2 = pairs([0.6, 0.1], [0.1, 0.1, 0.1, 0.3]);
  close(m.val_auc!, (c0 + c1 + c2) / 3);
  close(rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])!, 0.75, 1e-12, 'the scikit-learn docs example');
  assert.equal(rocAuc([0.1, 0.2], [true, true]), null);
});

test('top-5 accuracy with 10 classes; ties break by class index', () => {
  const k = 10;
  const prob = new Array<number>(2 * k).fill(0.05);
  // Row 0: the true class 7 ranks 6th (five classes above it) -> a miss; row 1: class 2 ranks 1st.
  [0, 1, 2, 3, 4].forEach((c) => (prob[c] = 0.1));
  prob[7] = 0.08;
  prob[k + 2] = 0.5;
  const m = classificationMetrics([7, 2], prob, k);
  close(m.val_top_k_accuracy!, 0.5);
});

test('majority_class: no better than the majority guess, or almost all one class on balanced data', () => {
  assert.deepEqual(classificationWarnings({ val_accuracy: 0.6, val_majority_rate: 0.6, val_top_class_share: 1 }), ['majority_class']);
  assert.deepEqual(classificationWarnings({ val_accuracy: 0.55, val_majority_rate: 0.5, val_top_class_share: 0.96 }), ['majority_class']);
  assert.deepEqual(classificationWarnings({ val_accuracy: 0.97, val_majority_rate: 0.95, val_top_class_share: 0.96 }), []);
  assert.deepEqual(classificationWarnings({ val_accuracy: 0.9, val_majority_rate: 0.5, val_top_class_share: 0.5 }), []);
  assert.deepEqual(classificationWarnings(null), []);
});

test('the task decodes logits by softmax, one binary unit by sigmoid, and one-hot encodes the targets', () => {
  const task = classificationTask(['a', 'b', 'c'], 'categorical_crossentropy', { fromLogits: true, labelSmoothing: 0 });
  const enc = task.encodeTargets('feature', { values: new Float32Array([2, 0]), cols: 1, rows: 2, trainRows: 1, autoencoder: false }, { values: new Float32Array(), affine: { shift: [], scale: [] } });
  assert.deepEqual([...enc.values], [0, 0, 1, 1, 0, 0]);
  assert.equal(enc.cols, 3);
  const p = task.decodeTargets(new Float32Array([0, 0, Math.log(2)]), 3, 0, { shift: [], scale: [] });
  close(p[2], 0.5, 1e-6);
  const bin = classificationTask(['neg', 'pos'], 'binary_crossentropy', { fromLogits: true, labelSmoothing: 0 });
  const q = bin.decodeTargets(new Float32Array([0]), 1, 0, { shift: [], scale: [] });
  assert.deepEqual([...q], [0.5, 0.5]);
  assert.throws(() => classificationTask(['a', 'b', 'c'], 'binary_crossentropy', { fromLogits: true, labelSmoothing: 0 }), /two classes/);
  assert.throws(() => task.loss('mse'), /no loss 'mse'/);
});

test('readingOf: probabilities from a softmax or sigmoid end, past dropout and reshaping layers; logits otherwise', async () => {
  await tf.setBackend('cpu');
  const read = (layers: tf.layers.Layer[]) => {
    const model = tf.sequential({ layers });
    const r = readingOf(model, 0).fromLogits;
    model.dispose();
    return r;
  };
  assert.equal(read([tf.layers.dense({ units: 3, inputShape: [2] }), tf.layers.softmax()]), false);
  assert.equal(read([tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' }), tf.layers.dropout({ rate: 0.1 })]), false);
  assert.equal(read([tf.layers.dense({ units: 3, inputShape: [2] }), tf.layers.activation({ activation: 'sigmoid' })]), false);
  assert.equal(read([tf.layers.dense({ units: 3, inputShape: [2] })]), true);
  assert.equal(read([tf.layers.dense({ units: 3, inputShape: [2], activation: 'softmax' }), tf.layers.dense({ units: 3 })]), true);
});
