import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { BatchFeeder } from '../../src/train/batch-feeder.js';
import { buildLayerModel } from '../../src/train/build-model.js';
import { loadBackend } from '../../src/train/load-backend.js';
import { makeLoss } from '../../src/train/losses.js';
import { disposeOptimizer, makeOptimizer } from '../../src/train/optimizers.js';
import { makeTrainableModel } from '../../src/train/trainable-model.js';
import { objective, trainStep, type StepConfig } from '../../src/train/train-step.js';
import { OPTIMIZERS } from '../../src/config/types.js';
import { dense, tensorCount } from './helpers.js';

before(async () => {
  await loadBackend('wasm');
});

const close = (a: number, b: number, rel = 1e-5) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} != ${b}`);

test('losses match Keras\'s formulas', () => {
  const t = tf.tensor2d([[0, 0], [1, -2]]);
  const p = tf.tensor2d([[0.5, -3], [1, 0]]);
  const e = [0.5, -3, 0, 2];
  const value = (name: 'mse' | 'mae' | 'huber' | 'log_cosh') => tf.tidy(() => makeLoss(name)(t, p).dataSync()[0]);
  close(value('mse'), e.reduce((a, v) => a + v * v, 0) / 4);
  close(value('mae'), e.reduce((a, v) => a + Math.abs(v), 0) / 4);
  close(value('huber'), e.reduce((a, v) => a + (Math.abs(v) <= 1 ? 0.5 * v * v : Math.abs(v) - 0.5), 0) / 4);
  close(value('log_cosh'), e.reduce((a, v) => a + Math.log(Math.cosh(v)), 0) / 4);
  t.dispose();
  p.dispose();
});

test('the objective adds kernel and activity penalties as Keras does', () => {
  const before = tensorCount();
  const model = makeTrainableModel(buildLayerModel([dense(3, { kernel_initializer: 'identity' })], 3, 0));
  const x = tf.tensor2d([[1, -2, 3], [0.5, 0, -1]]);
  const cfg: StepConfig = { model, loss: makeLoss('mse'), kernelRegularizer: { l2: 0.1 }, activityRegularizer: { l1: 0.01, l2: 0.001 }, optimizer: tf.train.sgd(0.01) };
  const value = tf.tidy(() => objective(cfg, x, x, 0).dataSync()[0]);
  // identity: mse 0; kernel l2: 0.1 * 3; activity on outputs (= x), divided by batch size 2
  const sumAbs = 1 + 2 + 3 + 0.5 + 0 + 1;
  const sumSq = 1 + 4 + 9 + 0.25 + 0 + 1;
  close(value, 0.1 * 3 + (0.01 * sumAbs + 0.001 * sumSq) / 2);
  x.dispose();
  cfg.optimizer.dispose();
  model.model.dispose();
  assert.equal(tensorCount(), before);
});

test('one SGD step moves the weights by -lr * gradient and leaves no tensors behind', () => {
  const model = makeTrainableModel(buildLayerModel([dense(1, { kernel_initializer: 'zeros', use_bias: false })], 1, 0));
  const cfg: StepConfig = { model, loss: makeLoss('mse'), kernelRegularizer: null, activityRegularizer: null, optimizer: tf.train.sgd(0.1) };
  const x = tf.tensor2d([[1], [2]]);
  const y = tf.tensor2d([[2], [4]]);
  const before = tensorCount();
  const loss = trainStep(cfg, x, y, 0);
  // loss = mean((0 - y)^2) = 10; dL/dw = mean(2 * (w x - y) * x) = -10; w = 0 + 0.1 * 10
  close(loss.dataSync()[0], 10);
  loss.dispose();
  close(model.variables[0].dataSync()[0], 1);
  assert.equal(tensorCount(), before);
  [x, y].forEach((t) => t.dispose());
  cfg.optimizer.dispose();
  model.model.dispose();
});

test('every optimizer takes a step that lowers the loss, and frees all it made', () => {
  for (const name of OPTIMIZERS) {
    const before = tensorCount();
    const model = makeTrainableModel(buildLayerModel([dense(2)], 2, 1));
    const lr = name === 'adadelta' ? 1 : 0.05;
    const cfg: StepConfig = { model, loss: makeLoss('mse'), kernelRegularizer: null, activityRegularizer: null, optimizer: makeOptimizer({ optimizer: name, learning_rate: lr, momentum: 0.9, weight_decay: 0 }) };
    const x = tf.tensor2d([[1, 2], [3, -1], [0.5, 0.5]]);
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const l = trainStep(cfg, x, x, 0);
      losses.push(l.dataSync()[0]);
      l.dispose();
    }
    assert.ok(losses[19] < losses[0], `${name}: ${losses[0]} -> ${losses[19]}`);
    x.dispose();
    disposeOptimizer(cfg.optimizer);
    model.model.dispose();
    assert.equal(tensorCount(), before, `${name} leaves no tensor behind`);
  }
});

test('seeded initialization: same seed same weights, other seed other weights; Keras glorot bound', () => {
  const w = (seed: number) => {
    const m = buildLayerModel([dense(84)], 84, seed);
    const v = [...m.getWeights()[0].dataSync()];
    m.dispose();
    return v;
  };
  assert.deepEqual(w(3), w(3));
  assert.notDeepEqual(w(3), w(4));
  const limit = Math.sqrt(6 / (84 + 84));
  assert.ok(w(3).every((v) => Math.abs(v) <= limit));
  const eye = buildLayerModel([dense(3, { kernel_initializer: 'identity' })], 2, 0);
  assert.deepEqual([...eye.getWeights()[0].dataSync()], [1, 0, 0, 0, 1, 0], 'identity on a non-square kernel is eye(in, out)');
  eye.dispose();
});

test('dropout masks are seeded: the same seed repeats, another differs, inference keeps everything', () => {
  const model = makeTrainableModel(buildLayerModel([{ type: 'dropout', rate: 0.5 }, dense(4, { kernel_initializer: 'identity' })], 4, 0));
  const x = tf.ones([8, 4]);
  const out = (training: boolean, seed: number) => tf.tidy(() => [...model.forward(x, training, seed).output.dataSync()]);
  assert.deepEqual(out(true, 1), out(true, 1));
  assert.notDeepEqual(out(true, 1), out(true, 2));
  assert.deepEqual(out(false, 1), new Array(32).fill(1));
  x.dispose();
  model.model.dispose();
});

test('the batch feeder visits every training row once per epoch, in a new seeded order each epoch', () => {
  const rows = 10;
  const x = Float32Array.from({ length: rows * 2 }, (_, i) => Math.floor(i / 2));
  const feeder = new BatchFeeder(x, x, 2, 2, 7, 3, 5);
  assert.equal(feeder.steps, 3);
  const epochOrder = () => {
    feeder.shuffle();
    const seen: number[] = [];
    for (let s = 0; s < feeder.steps; s++) {
      const b = feeder.batch(s);
      assert.equal(b.y, b.x);
      for (let r = 0; r < b.rows; r++) seen.push(b.x[r * 2]);
    }
    return seen;
  };
  const e1 = epochOrder();
  const e2 = epochOrder();
  assert.deepEqual([...e1].sort(), [0, 1, 2, 3, 4, 5, 6], 'only training rows, each once');
  assert.notDeepEqual(e1, e2);
  const again = new BatchFeeder(x, x, 2, 2, 7, 3, 5);
  again.shuffle();
  assert.deepEqual([...again.order], [...new BatchFeeder(x, x, 2, 2, 7, 3, 5).order].map((_, i) => again.order[i]));
  const fresh = new BatchFeeder(x, x, 2, 2, 7, 3, 5);
  fresh.shuffle();
  assert.deepEqual([...fresh.order], e1.map((v) => v));
});

test('adadelta is Keras\'s: the first step is sqrt(eps) / sqrt((1 - rho) g^2 + eps) * g', () => {
  const before = tensorCount();
  const init = tf.tensor1d([1, -2]);
  const w = tf.variable(init);
  init.dispose();
  const opt = makeOptimizer({ optimizer: 'adadelta', learning_rate: 1, momentum: 0, weight_decay: 0 });
  const g = [0.5, -3];
  const grad = tf.tensor1d(g);
  opt.applyGradients({ [w.name]: grad });
  const eps = 1e-7;
  const expected = [1, -2].map((v, i) => v - Math.sqrt(eps) / Math.sqrt(0.05 * g[i] ** 2 + eps) * g[i]);
  const got = w.dataSync();
  expected.forEach((e, i) => close(got[i], e, 1e-6));
  disposeOptimizer(opt);
  grad.dispose();
  w.dispose();
  assert.equal(tensorCount(), before);
});
