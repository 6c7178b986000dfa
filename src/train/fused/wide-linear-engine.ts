import * as tf from '@tensorflow/tfjs';
import type { LossFormula } from '../../tasks/task.js';
import type { BatchFeeder } from '../batch-feeder.js';
import { buildLayerModel, unitsOf } from '../build-model.js';
import { DIVERGENCE_CHECK_STEPS, type EpochControl } from '../train-epoch.js';
import { BatchGate } from '../batch-gate.js';
import type { FusedEngine } from './fused-engine.js';
import { JsOptimizer } from './js-optimizer.js';
import type { EngineShape, MemberKnobs } from './stacked-engine.js';

/**
 * True when the group's model is one linear dense layer trained on MSE: what this engine
 * handles. Its backward pass is the loss's JS form (LossFormula.slope); only MSE's
 * gradient (2e/n, e in float32) comes out bit-identical to the solo run's autodiff.
 */
export function wideLinearFits(s: EngineShape): boolean {
  return s.layers.length === 1 && s.layers[0].type === 'dense' && s.layers[0].activation === 'linear' && s.loss === 'mse';
}

interface Member {
  /** The kernel TRANSPOSED, [out, in] row-major: members stack by plain concatenation. */
  w: Float32Array;
  b: Float32Array | null;
  opt: JsOptimizer;
  feeder: BatchFeeder;
  act: { l1: number; l2: number };
  ker: { l1: number; l2: number };
}

/**
 * The seed's model (one linear dense layer, MSE), fused the cheap way. Members that read the
 * same rows (same feeder: normalization and seed) stack their TRANSPOSED kernels, [M*out, in],
 * so a step is two 2D matmuls per feeder on the backend: out^T = W^T X^T and the kernel
 * gradient dW^T = dOut^T X, whose [M*out, in] result is every member's gradient back to back.
 * (Measured on wasm at batch 8 and M = 27: W^T X^T costs 0.16 ms against 0.89 ms for X W,
 * whose large right operand is repacked on every call.) The rest, elementwise and per
 * member, runs in JS: the bias, the loss and its gradient (the task's JS form of the loss,
 * Keras's activity and kernel penalties included) and the optimizer (js-optimizer.ts).
 * Each member's arithmetic is its own: a member's results do not depend on its group-mates.
 */
export class WideLinearEngine implements FusedEngine {
  readonly template: tf.Sequential;
  readonly squareWeight: number;
  private members: Member[];
  private readonly nIn: number;
  private readonly nOut: number;
  private readonly useBias: boolean;
  private readonly loss: LossFormula;

  constructor(private readonly shape: EngineShape, knobs: MemberKnobs[], feeders: BatchFeeder[], private readonly autoencoder: boolean) {
    const layer = shape.layers[0];
    this.nIn = shape.nIn;
    this.nOut = unitsOf(layer.units, shape.nIn);
    this.useBias = layer.use_bias;
    this.loss = shape.task.loss(shape.loss);
    this.squareWeight = this.nIn === this.nOut ? 0 : -1;
    this.template = buildLayerModel(shape.layers, shape.nIn, knobs[0].seed);
    this.members = knobs.map((k, i) => {
      const solo = i === 0 ? this.template : buildLayerModel(shape.layers, shape.nIn, k.seed);
      const weights = solo.layers[0].trainableWeights;
      const w = transpose(weights.find((v) => v.originalName.endsWith('/kernel'))!.read().dataSync() as Float32Array, this.nIn, this.nOut);
      const bias = weights.find((v) => v.originalName.endsWith('/bias'));
      const b = bias === undefined ? null : new Float32Array(bias.read().dataSync());
      if (solo !== this.template) solo.dispose();
      return {
        w, b, feeder: feeders[i],
        opt: new JsOptimizer(shape.optimizer, k),
        act: { l1: k.activity_regularizer?.l1 ?? 0, l2: k.activity_regularizer?.l2 ?? 0 },
        ker: { l1: k.kernel_regularizer?.l1 ?? 0, l2: k.kernel_regularizer?.l2 ?? 0 },
      };
    });
  }

  memberWeights(k: number): tf.Tensor[] {
    const m = this.members[k];
    const kernel = tf.tensor2d(transpose(m.w, this.nOut, this.nIn), [this.nIn, this.nOut]);
    return m.b === null ? [kernel] : [kernel, tf.tensor1d(m.b)];
  }

  soloForward(weights: tf.Tensor[], x: tf.Tensor): tf.Tensor {
    const z = tf.matMul(x as tf.Tensor2D, weights[0] as tf.Tensor2D);
    return weights.length > 1 ? tf.add(z, weights[1]) : z;
  }

  keep(indices: number[]): void {
    this.members = indices.map((i) => this.members[i]);
  }

  dispose(): void {
    this.template.dispose();
  }

  /** Members by feeder, in member order: each block shares one X. */
  private blocks(): { feeder: BatchFeeder; members: number[] }[] {
    const byFeeder = new Map<BatchFeeder, number[]>();
    this.members.forEach((m, i) => {
      const list = byFeeder.get(m.feeder) ?? [];
      list.push(i);
      byFeeder.set(m.feeder, list);
    });
    return [...byFeeder.entries()].map(([feeder, members]) => ({ feeder, members }));
  }

  async epoch(control: EpochControl, onDiverged: (member: number, value: number) => void): Promise<number[]> {
    const { nIn, nOut, loss: f } = this;
    const { steps, batchSize: bs, trainRows } = this.shape;
    const k = this.members.length;
    const acc = new Float64Array(k);
    const reported = new Set<number>();
    const kernelSize = nIn * nOut;
    const blocks = this.blocks().map((b) => ({
      ...b,
      wide: new Float32Array(b.members.length * kernelSize),
      dOut: new Float32Array(b.members.length * nOut * bs),
      xT: new Float32Array(nIn * bs),
    }));
    const gb = new Float32Array(nOut);
    const check = () => acc.forEach((v, i) => {
      if (!Number.isFinite(v) && !reported.has(i)) {
        reported.add(i);
        onDiverged(i, v);
      }
    });
    const gate = new BatchGate(control);
    for (let s = 0; s < steps; s++) {
      const pause = gate.check();
      if (pause) await pause;
      for (const blk of blocks) {
        const batch = blk.feeder.batch(s);
        const rows = batch.rows;
        const height = blk.members.length * nOut;
        blk.members.forEach((mi, j) => blk.wide.set(this.members[mi].w, j * kernelSize));
        const xT = blk.xT.subarray(0, nIn * rows);
        for (let r = 0; r < rows; r++) for (let i = 0; i < nIn; i++) xT[i * rows + r] = batch.x[r * nIn + i];
        // out^T [M*out, rows]: member j's output column c of row r at (j*out + c)*rows + r.
        const out = tf.tidy(() => tf.matMul(tf.tensor2d(blk.wide, [height, nIn]), tf.tensor2d(xT, [nIn, rows])));
        const o = readView(out);
        const y = this.autoencoder ? batch.x : batch.y;
        const dOut = blk.dOut.subarray(0, height * rows);
        const n = rows * nOut;
        blk.members.forEach((mi, j) => {
          const m = this.members[mi];
          const { l1, l2 } = m.act;
          let sum = 0;
          let abs = 0;
          let sq = 0;
          for (let c = 0; c < nOut; c++) {
            const bias = m.b === null ? 0 : m.b[c];
            const base = (j * nOut + c) * rows;
            for (let r = 0; r < rows; r++) {
              const p = Math.fround(o[base + r] + bias);
              const e = Math.fround(p - y[r * nOut + c]);
              sum += f.value(e);
              let d = f.slope(e) / n;
              if (l1 !== 0) { abs += Math.abs(p); d += (l1 * Math.sign(p)) / rows; }
              if (l2 !== 0) { sq += p * p; d += (2 * l2 * p) / rows; }
              dOut[base + r] = d;
            }
          }
          let loss = sum / n + (l1 * abs + l2 * sq) / rows;
          if (m.ker.l1 !== 0 || m.ker.l2 !== 0) {
            let ka = 0;
            let ks = 0;
            for (let q = 0; q < m.w.length; q++) { ka += Math.abs(m.w[q]); ks += m.w[q] * m.w[q]; }
            loss += m.ker.l1 * ka + m.ker.l2 * ks;
          }
          acc[mi] += rows === bs ? loss : loss * (rows / bs);
        });
        out.dispose();
        // dW^T [M*out, in] = dOut^T [M*out, rows] X [rows, in]: member j's block is contiguous.
        const dw = tf.tidy(() => tf.matMul(tf.tensor2d(dOut, [height, rows]), tf.tensor2d(batch.x, [rows, nIn])));
        const g = readView(dw);
        blk.members.forEach((mi, j) => {
          const m = this.members[mi];
          const gw = g.subarray(j * kernelSize, (j + 1) * kernelSize);
          if (m.ker.l1 !== 0 || m.ker.l2 !== 0) {
            for (let q = 0; q < gw.length; q++) gw[q] += m.ker.l1 * Math.sign(m.w[q]) + 2 * m.ker.l2 * m.w[q];
          }
          if (m.b === null) {
            m.opt.step([m.w], [gw]);
            return;
          }
          for (let c = 0; c < nOut; c++) {
            const base = (j * nOut + c) * rows;
            let sum = 0;
            for (let r = 0; r < rows; r++) sum += dOut[base + r];
            gb[c] = sum;
          }
          m.opt.step([m.w, m.b], [gw, gb]);
        });
        dw.dispose();
      }
      if ((s + 1) % DIVERGENCE_CHECK_STEPS === 0) check();
    }
    check();
    return Array.from(acc, (v) => (v * bs) / trainRows);
  }
}

/** A rows x cols row-major matrix transposed into a new cols x rows one. */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}

/** The slice of the wasm backend used to read a result in place. */
interface HeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

/**
 * A float32 tensor's values without a copy where the backend allows it (wasm: a view on its
 * heap, which saves a copy and its garbage per step); else dataSync(). Valid until the
 * tensor is disposed or the next TensorFlow.js op (which may grow the heap): read it, then
 * dispose the tensor. The values may be changed in place (the tensor is discarded after).
 */
function readView(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as Partial<HeapBackend>;
  if (typeof backend.typedArrayFromHeap === 'function') return backend.typedArrayFromHeap(t);
  return t.dataSync() as Float32Array;
}
