import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OPTIMIZERS, type Optimizer } from '../../src/config/types.js';
import { JsOptimizer } from '../../src/train/fused/js-optimizer.js';
import { StackedOptimizer } from '../../src/train/fused/stacked-optimizer.js';
import { loadBackend } from '../../src/train/load-backend.js';
import type { OptimizerKnobs } from '../../src/train/optimizers.js';
import { tensorCount } from './helpers.js';
import { assertWeights, GRADS, knobs, solo, W0 } from './optimizer-steps.js';

/**
 * The fused engines' optimizers (js-optimizer.ts for the wide engine, stacked-optimizer.ts
 * for the stacked one) against the solo optimizer, step for step on known gradients: the
 * unit-level form of fused-equivalence.test.ts, for every optimizer, two members with their
 * own learning rate, momentum and weight decay.
 */

before(async () => {
  await loadBackend('wasm');
});

/** The steps through one member of a JsOptimizer (the wide engine's). */
function wide(k: OptimizerKnobs, w0 = W0): Float32Array {
  const opt = new JsOptimizer(k.optimizer, k);
  const w = Float32Array.from(w0);
  for (const g of GRADS) opt.step([w], [Float32Array.from(g)]);
  return w;
}

/** The steps through a StackedOptimizer of two members; returns each member's weights. */
function stacked(optimizer: Optimizer, members: OptimizerKnobs[]): Float32Array[] {
  const before = tensorCount();
  const k = members.length;
  const init = tf.tensor3d(members.flatMap(() => W0), [k, 1, 3]);
  const w = tf.variable(init);
  init.dispose();
  const opt = new StackedOptimizer(optimizer, {
    learningRate: members.map((m) => m.learning_rate),
    momentum: members.map((m) => m.momentum),
    weightDecay: members.map((m) => m.weight_decay),
  });
  for (const g of GRADS) {
    const grad = tf.tensor3d(members.flatMap(() => g), [k, 1, 3]);
    opt.apply([w], [grad]);
    grad.dispose();
  }
  const flat = w.dataSync() as Float32Array;
  opt.dispose();
  w.dispose();
  assert.equal(tensorCount(), before, `${optimizer}: stacked leaves no tensor behind`);
  return members.map((_, i) => flat.slice(i * 3, i * 3 + 3));
}

describe('the fused engines step as the solo optimizer', () => {
  const added: Optimizer[] = ['nag', 'nadam', 'adamw', 'lion', 'ftrl'];
  for (const optimizer of OPTIMIZERS) {
    it(`${optimizer}: wide (plain JS) and stacked members equal solo, with and without weight decay`, () => {
      const lr = optimizer === 'adadelta' ? 1 : 0.01;
      const members = [knobs(optimizer, lr, { momentum: 0.5 }), knobs(optimizer, lr * 3, { weight_decay: 0.7 })];
      const soloW = members.map((m) => solo(m));
      const stackedW = stacked(optimizer, members);
      // The formulas added with weight decay round every operation to float32 as the tensor
      // ops do: bit for bit. Some older JS formulas keep float64 intermediates (adamax).
      const rel = added.includes(optimizer) ? 0 : 1e-6;
      members.forEach((m, i) => {
        assertWeights(wide(m), [...soloW[i]], `${optimizer} wide member ${i}`, rel);
        assertWeights(stackedW[i], [...soloW[i]], `${optimizer} stacked member ${i}`, rel);
      });
    });
  }
});
