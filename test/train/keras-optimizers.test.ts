import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { OPTIMIZERS } from '../../src/config/types.js';
import { loadBackend } from '../../src/train/load-backend.js';
import { assertWeights, GRADS, knobs, solo, W0 } from './optimizer-steps.js';

/**
 * The optimizers added for Keras users, checked against steps computed by hand here from
 * Keras 3's formulas (keras/src/optimizers/*.py, base_optimizer.py `_apply_weight_decay`):
 * two steps on a three-weight vector with known gradients.
 */

before(async () => {
  await loadBackend('wasm');
});

const EPS = 1e-7;

describe('new optimizers step as Keras 3 computes them', () => {
  it('nadam: Keras Nadam with its momentum schedule u_t = 0.9 (1 - 0.5 * 0.96^t)', () => {
    const lr = 0.01;
    const u = (t: number) => 0.9 * (1 - 0.5 * 0.96 ** t);
    const w = [...W0];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    let uProduct = 1;
    GRADS.forEach((g, step) => {
      const t = step + 1;
      uProduct *= u(t); // Keras updates _u_product before the variables' updates
      const uProductNext = uProduct * u(t + 1);
      for (let i = 0; i < 3; i++) {
        m[i] += (g[i] - m[i]) * (1 - 0.9);
        v[i] += (g[i] ** 2 - v[i]) * (1 - 0.999);
        const mHat = (u(t + 1) * m[i]) / (1 - uProductNext) + ((1 - u(t)) * g[i]) / (1 - uProduct);
        const vHat = v[i] / (1 - 0.999 ** t);
        w[i] -= (mHat * lr) / (Math.sqrt(vHat) + EPS);
      }
    });
    assertWeights(solo(knobs('nadam', lr)), w, 'nadam');
  });

  it('adamw: w -= lr * wd * w, then Keras Adam; adamw without decay is adam', () => {
    const lr = 0.01;
    const wd = 0.004;
    const w = [...W0];
    const m = [0, 0, 0];
    const v = [0, 0, 0];
    GRADS.forEach((g, step) => {
      const t = step + 1;
      const alpha = (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
      for (let i = 0; i < 3; i++) {
        w[i] -= w[i] * wd * lr;
        m[i] += (g[i] - m[i]) * (1 - 0.9);
        v[i] += (g[i] ** 2 - v[i]) * (1 - 0.999);
        w[i] -= (m[i] * alpha) / (Math.sqrt(v[i]) + EPS);
      }
    });
    // tfjs's adam adds epsilon to the corrected root (optimizers.ts): below 1e-6 at these gradients.
    assertWeights(solo(knobs('adamw', lr, { weight_decay: wd })), w, 'adamw');
    assert.deepEqual(solo(knobs('adamw', lr)), solo(knobs('adam', lr)), 'weight_decay 0: adamw == adam, bit for bit');
    assert.notDeepEqual(solo(knobs('adamw', lr, { weight_decay: wd })), solo(knobs('adam', lr)));
  });

  it('nag: Keras SGD(momentum, nesterov=True): v = mom v - lr g; w += mom v - lr g', () => {
    const lr = 0.05;
    const mom = 0.9;
    const w = [...W0];
    const vel = [0, 0, 0];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        vel[i] = mom * vel[i] - lr * g[i];
        w[i] += mom * vel[i] - lr * g[i];
      }
    }
    assertWeights(solo(knobs('nag', lr, { momentum: mom })), w, 'nag');
    // Nesterov differs from plain momentum from the first step: w += mom * v - lr g vs w += v.
    assert.notDeepEqual(solo(knobs('nag', lr)), solo(knobs('momentum', lr)));
  });

  it('lion: w -= lr * sign(0.9 m + 0.1 g); m = 0.99 m + 0.01 g', () => {
    const lr = 0.001;
    const w = [...W0];
    const m = [0, 0, 0];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        w[i] -= lr * Math.sign(m[i] * 0.9 + g[i] * (1 - 0.9));
        m[i] = m[i] * 0.99 + g[i] * (1 - 0.99);
      }
    }
    assertWeights(solo(knobs('lion', lr)), w, 'lion');
    // Every weight moves by exactly lr: weights 0 and 1 turn back at step 2, where the new
    // gradient outweighs 0.9 m (weight 0: 0.9 * 0.005 - 0.1 * 0.2 < 0, although m > 0).
    assertWeights(w, [1, -2, 0.5 - 2 * lr], 'lion by sign alone', 1e-12);
  });

  it('ftrl: Keras Ftrl with its defaults (lr_power -0.5, accumulator 0.1, l1 = l2 = beta = 0)', () => {
    const lr = 0.1;
    const [lrPower, l1, l2, shrinkage, beta] = [-0.5, 0, 0, 0, 0];
    const w = [...W0];
    const accum = [0.1, 0.1, 0.1];
    const linear = [0, 0, 0];
    for (const g of GRADS) {
      for (let i = 0; i < 3; i++) {
        const l2Reg = l2 + beta / (2 * lr);
        const gradToUse = g[i] + 2 * shrinkage * w[i];
        const newAccum = accum[i] + g[i] ** 2;
        linear[i] += gradToUse - ((newAccum ** -lrPower - accum[i] ** -lrPower) / lr) * w[i];
        const quadratic = newAccum ** -lrPower / lr + 2 * l2Reg;
        const clipped = Math.min(Math.max(linear[i], -l1), l1);
        w[i] = (clipped - linear[i]) / quadratic;
        accum[i] = newAccum;
      }
    }
    assertWeights(solo(knobs('ftrl', lr)), w, 'ftrl');
  });
});

describe('weight_decay', () => {
  it('on sgd: w = w - w * wd * lr before w -= lr * g, every step', () => {
    const lr = 0.1;
    const wd = 0.5;
    const w = [...W0];
    for (const g of GRADS) for (let i = 0; i < 3; i++) w[i] = w[i] - w[i] * wd * lr - lr * g[i];
    assertWeights(solo(knobs('sgd', lr, { weight_decay: wd })), w, 'sgd + decay');
  });

  it('on every optimizer: one step with decay is the plain step taken from the decayed weights', () => {
    const lr = 0.01;
    const wd = 2;
    const decayed = W0.map((v) => v - v * wd * lr);
    for (const optimizer of OPTIMIZERS) {
      const with_ = solo(knobs(optimizer, lr, { weight_decay: wd }), W0, GRADS.slice(0, 1));
      const without = solo(knobs(optimizer, lr), decayed, GRADS.slice(0, 1));
      assertWeights(with_, [...without], `${optimizer} + decay`);
    }
  });
});
