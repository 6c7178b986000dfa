import type { Optimizer } from '../../config/types.js';
import { KERAS_EPSILON } from '../optimizers.js';

/** TensorFlow.js's backend epsilon on float32 backends (its adagrad adds it inside the root). */
const BACKEND_EPSILON = 1e-7;

/**
 * One member's optimizer in plain JS over Float32Array parameters: the formulas of
 * stacked-optimizer.ts (TensorFlow.js's own, and keras-adadelta.ts), element by element,
 * in float64 with float32 storage. The wide linear engine uses it: on the wasm backend an
 * elementwise TensorFlow.js op costs ~2 ns per element plus ~20 us per call (measured), a JS
 * loop well under that, and the update is most of a fused step's elementwise work.
 */
export class JsOptimizer {
  /** Slots per parameter array (by position), each as long as its parameter. */
  private readonly slots: Float32Array[][] = [];
  /** Bias-correction powers, float32 as TensorFlow.js keeps them (adam, adamax). */
  private accBeta1 = Math.fround(0.9);
  private accBeta2 = Math.fround(0.999);

  constructor(readonly kind: Optimizer, readonly lr: number, readonly momentum: number) {}

  private slotsFor(i: number, n: number): Float32Array[] {
    let s = this.slots[i];
    if (s === undefined) {
      const count = this.kind === 'sgd' ? 0 : this.kind === 'adam' || this.kind === 'adamax' || this.kind === 'adadelta' ? 2 : 1;
      s = Array.from({ length: count }, () => new Float32Array(n).fill(this.kind === 'adagrad' ? 0.1 : 0));
      this.slots[i] = s;
    }
    return s;
  }

  /** Updates every parameter array from its gradient (same order each step), then advances the step. */
  step(params: Float32Array[], grads: Float32Array[]): void {
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    for (let i = 0; i < params.length; i++) {
      const w = params[i];
      const g = grads[i];
      const s = this.slotsFor(i, w.length);
      switch (this.kind) {
        case 'sgd': sgd(w, g, this.lr); break;
        case 'momentum': momentum(w, g, s[0], this.lr, this.momentum); break;
        case 'adam': adam(w, g, s[0], s[1], this.lr, c1, c2); break;
        case 'adamax': adamax(w, g, s[0], s[1], this.lr, c1); break;
        case 'adagrad': adagrad(w, g, s[0], this.lr); break;
        case 'adadelta': adadelta(w, g, s[0], s[1], this.lr); break;
        case 'rmsprop': rmsprop(w, g, s[0], this.lr); break;
      }
    }
    this.accBeta1 = Math.fround(this.accBeta1 * 0.9);
    this.accBeta2 = Math.fround(this.accBeta2 * 0.999);
  }
}

// One monomorphic loop per formula (Float32Array in, Float32Array out): V8 compiles each tightly.

function sgd(w: Float32Array, g: Float32Array, lr: number): void {
  for (let j = 0; j < w.length; j++) w[j] += -lr * g[j];
}

function momentum(w: Float32Array, g: Float32Array, a: Float32Array, lr: number, mom: number): void {
  for (let j = 0; j < w.length; j++) {
    const next = Math.fround(mom * a[j] + g[j]);
    a[j] = next;
    w[j] += -lr * next;
  }
}

function adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, c1: number, c2: number): void {
  const step = -lr / c1;
  const inv2 = 1 / c2;
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const nm = Math.fround(m[j] * 0.9 + gj * (1 - 0.9));
    const nv = Math.fround(v[j] * 0.999 + gj * gj * (1 - 0.999));
    m[j] = nm;
    v[j] = nv;
    w[j] += (nm * step) / (Math.sqrt(nv * inv2) + KERAS_EPSILON);
  }
}

function adamax(w: Float32Array, g: Float32Array, m: Float32Array, u: Float32Array, lr: number, c1: number): void {
  const scale = -lr / c1;
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const nm = Math.fround(m[j] * 0.9 + gj * (1 - 0.9));
    const nu = Math.fround(Math.max(Math.fround(u[j] * 0.999), Math.abs(gj)));
    m[j] = nm;
    u[j] = nu;
    w[j] += scale * (nm / (nu + KERAS_EPSILON));
  }
}

function adagrad(w: Float32Array, g: Float32Array, a: Float32Array, lr: number): void {
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const next = Math.fround(a[j] + gj * gj);
    a[j] = next;
    w[j] += (gj / Math.sqrt(next + BACKEND_EPSILON)) * -lr;
  }
}

function adadelta(w: Float32Array, g: Float32Array, accG: Float32Array, accD: Float32Array, lr: number): void {
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const g2 = Math.fround(accG[j] * 0.95 + gj * gj * (1 - 0.95));
    const delta = Math.fround((Math.sqrt(accD[j] + KERAS_EPSILON) / Math.sqrt(g2 + KERAS_EPSILON)) * gj);
    accG[j] = g2;
    accD[j] = accD[j] * 0.95 + delta * delta * (1 - 0.95);
    w[j] -= delta * lr;
  }
}

function rmsprop(w: Float32Array, g: Float32Array, ms: Float32Array, lr: number): void {
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const next = Math.fround(ms[j] * 0.9 + gj * gj * (1 - 0.9));
    ms[j] = next;
    w[j] -= (gj * lr) / Math.sqrt(next + KERAS_EPSILON);
  }
}
