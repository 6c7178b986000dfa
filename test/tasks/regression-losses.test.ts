import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createPrng } from '../../src/core/prng.js';
import { REGRESSION_LOSSES as LOSSES } from '../../src/config/types.js';
import { REGRESSION_LOSSES } from '../../src/tasks/regression-losses.js';
import { loadBackend } from '../../src/train/load-backend.js';

before(async () => {
  await loadBackend('wasm');
});

/** k members x rows x cols targets and predictions whose errors span [-3, 3] (both sides of huber's kink). */
function sample(seed: number, k: number, rows: number, cols: number): { t: Float32Array; p: Float32Array; e: Float64Array } {
  const rng = createPrng(seed);
  const n = k * rows * cols;
  const t = new Float32Array(n);
  const p = new Float32Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = (rng.nextFloat() - 0.5) * 4;
    p[i] = t[i] + (rng.nextFloat() - 0.5) * 6;
    e[i] = p[i] - t[i];
  }
  return { t, p, e };
}

const close = (a: number, b: number, label: string) =>
  assert.ok(Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b)) + 1e-8, `${label}: ${a} vs ${b}`);

test('the table has every loss the spec accepts', () => {
  assert.deepEqual(Object.keys(REGRESSION_LOSSES).sort(), [...LOSSES].sort());
});

test('each loss: the tensor form\'s mean equals the mean of the JS form on random errors', () => {
  const { t, p, e } = sample(11, 1, 40, 6);
  for (const name of LOSSES) {
    const f = REGRESSION_LOSSES[name];
    const tensor = tf.tidy(() => f.tensor(tf.tensor2d(t, [40, 6]), tf.tensor2d(p, [40, 6])).dataSync()[0]);
    const js = e.reduce((a, v) => a + f.value(v), 0) / e.length;
    close(tensor, js, name);
  }
});

test('each loss: autodiff of the tensor form equals the JS slope / n, element by element', () => {
  const { t, p, e } = sample(12, 1, 30, 4);
  for (const name of LOSSES) {
    const f = REGRESSION_LOSSES[name];
    const grad = tf.tidy(() => {
      const tt = tf.tensor2d(t, [30, 4]);
      return tf.grad((pp: tf.Tensor) => f.tensor(tt, pp))(tf.tensor2d(p, [30, 4])).dataSync();
    });
    grad.forEach((g, i) => close(g, f.slope(e[i]) / e.length, `${name} d/dp[${i}] at e=${e[i]}`));
  }
});

test('each loss: over member axes, the tensor form gives every member\'s own mean', () => {
  const k = 3;
  const rows = 5;
  const cols = 4;
  const { t, p, e } = sample(13, k, rows, cols);
  const per = rows * cols;
  for (const name of LOSSES) {
    const f = REGRESSION_LOSSES[name];
    const means = tf.tidy(() => f.tensor(tf.tensor3d(t, [k, rows, cols]), tf.tensor3d(p, [k, rows, cols]), [1, 2]).dataSync());
    assert.equal(means.length, k);
    for (let m = 0; m < k; m++) {
      const js = e.subarray(m * per, (m + 1) * per).reduce((a, v) => a + f.value(v), 0) / per;
      close(means[m], js, `${name} member ${m}`);
    }
  }
});

test('slopes at the kinks follow TensorFlow.js: abs steps to -1 at 0, huber is continuous at 1', () => {
  assert.equal(REGRESSION_LOSSES.mae.slope(0), -1);
  assert.equal(REGRESSION_LOSSES.huber.slope(1), 1);
  assert.equal(REGRESSION_LOSSES.huber.slope(-1), -1);
  assert.equal(REGRESSION_LOSSES.huber.value(3), 2.5);
  assert.ok(Math.abs(REGRESSION_LOSSES.log_cosh.value(1000) - (1000 - Math.LN2)) < 1e-9, 'log_cosh does not overflow');
  const grad = tf.tidy(() => tf.grad((pp: tf.Tensor) => REGRESSION_LOSSES.mae.tensor(tf.zeros([1]), pp))(tf.zeros([1])).dataSync()[0]);
  assert.equal(grad, REGRESSION_LOSSES.mae.slope(0));
});
