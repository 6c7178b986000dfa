import type { Optimizer, TrainParams } from '../../config/types.js';
import { FTRL_INITIAL_ACCUMULATOR } from '../keras-ftrl.js';
import { LION_BETA_1, LION_BETA_2 } from '../keras-lion.js';
import { NADAM_BETA_1, NADAM_BETA_2, NadamSchedule } from '../nadam-schedule.js';
import { KERAS_EPSILON } from '../optimizers.js';

/** TensorFlow.js's backend epsilon on float32 backends (its adagrad adds it inside the root). */
const BACKEND_EPSILON = 1e-7;

const f32 = Math.fround;

/** Each optimizer's slots, by the value each starts at (one slot array per entry). */
const SLOT_INITS: Readonly<Record<Optimizer, readonly number[]>> = {
  sgd: [],
  momentum: [0],
  nag: [0],
  adam: [0, 0],
  adamw: [0, 0],
  adamax: [0, 0],
  adagrad: [0.1],
  adadelta: [0, 0],
  rmsprop: [0],
  nadam: [0, 0],
  lion: [0],
  ftrl: [FTRL_INITIAL_ACCUMULATOR, 0],
};

/**
 * One member's optimizer in plain JS over Float32Array parameters: the formulas of
 * stacked-optimizer.ts (TensorFlow.js's own, and the hand-written Keras ones of ../keras-*.ts),
 * element by element, in float64 with float32 storage; the formulas added with nadam, lion,
 * ftrl and weight decay round every operation to float32 as the tensor ops do. The wide
 * linear engine uses it: on the wasm backend an elementwise TensorFlow.js op costs ~2 ns per
 * element plus ~20 us per call (measured), a JS loop well under that, and the update is most
 * of a fused step's elementwise work.
 */
export class JsOptimizer {
  /** Slots per parameter array (by position), each as long as its parameter. */
  private readonly slots: Float32Array[][] = [];
  /** Bias-correction powers, float32 as TensorFlow.js keeps them (adam, adamw, adamax). */
  private accBeta1 = Math.fround(0.9);
  private accBeta2 = Math.fround(0.999);
  private readonly nadam = new NadamSchedule();
  readonly lr: number;
  readonly momentum: number;
  /** lr * weight_decay in float32, as weight-decay.ts's scalar; 0 = no decay. */
  private readonly decay: number;

  constructor(readonly kind: Optimizer, knobs: Pick<TrainParams, 'learning_rate' | 'momentum' | 'weight_decay'>) {
    this.lr = knobs.learning_rate;
    this.momentum = knobs.momentum;
    this.decay = knobs.weight_decay > 0 ? f32(knobs.learning_rate * knobs.weight_decay) : 0;
  }

  private slotsFor(i: number, n: number): Float32Array[] {
    let s = this.slots[i];
    if (s === undefined) {
      s = SLOT_INITS[this.kind].map((init) => new Float32Array(n).fill(init));
      this.slots[i] = s;
    }
    return s;
  }

  /**
   * Updates every parameter array from its gradient (same order each step), then advances
   * the step. With weight decay each array is decayed first: Keras decays every variable
   * before updating any, which is the same since no update reads another variable.
   */
  step(params: Float32Array[], grads: Float32Array[]): void {
    const c1 = Math.fround(1 - this.accBeta1);
    const c2 = Math.fround(1 - this.accBeta2);
    const nadam = this.kind === 'nadam' ? this.nadam.next() : null;
    for (let i = 0; i < params.length; i++) {
      const w = params[i];
      const g = grads[i];
      const s = this.slotsFor(i, w.length);
      if (this.decay !== 0) decay(w, this.decay);
      switch (this.kind) {
        case 'sgd': sgd(w, g, this.lr); break;
        case 'momentum': momentum(w, g, s[0], this.lr, this.momentum); break;
        case 'nag': nesterov(w, g, s[0], this.lr, this.momentum); break;
        case 'adam':
        case 'adamw': adam(w, g, s[0], s[1], this.lr, c1, c2); break;
        case 'adamax': adamax(w, g, s[0], s[1], this.lr, c1); break;
        case 'adagrad': adagrad(w, g, s[0], this.lr); break;
        case 'adadelta': adadelta(w, g, s[0], s[1], this.lr); break;
        case 'rmsprop': rmsprop(w, g, s[0], this.lr); break;
        case 'nadam': nadamStep(w, g, s[0], s[1], this.lr, nadam!.momentScale, nadam!.gradientScale, nadam!.velocityBias); break;
        case 'lion': lion(w, g, s[0], this.lr); break;
        case 'ftrl': ftrl(w, g, s[0], s[1], this.lr); break;
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

/** weight-decay.ts: w - w * (lr * weight_decay). */
function decay(w: Float32Array, d: number): void {
  for (let j = 0; j < w.length; j++) w[j] -= f32(w[j] * d);
}

/** TensorFlow.js's Nesterov momentum: a = mom a + g; w += -lr (g + a mom). */
function nesterov(w: Float32Array, g: Float32Array, a: Float32Array, lr: number, mom: number): void {
  const m = f32(mom);
  const negLr = f32(-lr);
  for (let j = 0; j < w.length; j++) {
    const next = f32(f32(m * a[j]) + g[j]);
    a[j] = next;
    w[j] += f32(negLr * f32(g[j] + f32(next * m)));
  }
}

/** keras-nadam.ts, op for op; the scales come from the shared NadamSchedule. */
function nadamStep(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, lr: number, momentScale: number, gradientScale: number, velocityBias: number): void {
  const b1c = f32(1 - NADAM_BETA_1);
  const b2c = f32(1 - NADAM_BETA_2);
  const ms = f32(momentScale);
  const gs = f32(gradientScale);
  const vb = f32(velocityBias);
  const lr32 = f32(lr);
  const eps = f32(KERAS_EPSILON);
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const nm = f32(m[j] + f32(f32(gj - m[j]) * b1c));
    const nv = f32(v[j] + f32(f32(f32(gj * gj) - v[j]) * b2c));
    m[j] = nm;
    v[j] = nv;
    const mHat = f32(f32(nm * ms) + f32(gj * gs));
    const vHat = f32(nv / vb);
    w[j] -= f32(f32(mHat * lr32) / f32(f32(Math.sqrt(vHat)) + eps));
  }
}

/** keras-lion.ts, op for op. */
function lion(w: Float32Array, g: Float32Array, m: Float32Array, lr: number): void {
  const b1 = f32(LION_BETA_1);
  const b1c = f32(1 - LION_BETA_1);
  const b2 = f32(LION_BETA_2);
  const b2c = f32(1 - LION_BETA_2);
  const lr32 = f32(lr);
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const direction = Math.sign(f32(f32(m[j] * b1) + f32(gj * b1c)));
    w[j] -= f32(direction * lr32);
    m[j] = f32(m[j] * b2) + f32(gj * b2c);
  }
}

/** keras-ftrl.ts, op for op. */
function ftrl(w: Float32Array, g: Float32Array, acc: Float32Array, linear: Float32Array, lr: number): void {
  const lr32 = f32(lr);
  for (let j = 0; j < w.length; j++) {
    const gj = g[j];
    const next = f32(acc[j] + f32(gj * gj));
    const rootNext = f32(Math.sqrt(next));
    const sigma = f32(f32(rootNext - f32(Math.sqrt(acc[j]))) / lr32);
    const z = f32(linear[j] + f32(gj - f32(sigma * w[j])));
    linear[j] = z;
    w[j] = -z / f32(rootNext / lr32);
    acc[j] = next;
  }
}
