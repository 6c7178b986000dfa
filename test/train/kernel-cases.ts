import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { createPrng, type Prng } from '../../src/core/prng.js';

/**
 * Seeded cases and comparisons for test/train/wasm-kernels.test.ts: random geometries of
 * every padding kind, a runner that evaluates one computation on the cpu and wasm
 * backends, and the adjoint identity as an oracle that needs no reference backend.
 */

/**
 * |wasm - cpu| <= KERNEL_TOL * max(1, max |cpu|) per element. The JS kernels sum in
 * float64 in the cpu kernels' order and agree with them to the last bit; Conv2DBackpropFilter
 * (NHWC) is a float32 matrix product, measured within 2.2e-6 of the largest value on sums
 * of up to 3,136 terms (the bench's layer and larger ones).
 */
export const KERNEL_TOL = 1e-5;

export type Backend = 'cpu' | 'wasm';

/** Runs `f` on a backend inside tidy and returns its values and dtype. */
export async function on(backend: Backend, f: () => tf.Tensor): Promise<{ values: Float32Array | Int32Array; shape: number[]; dtype: tf.DataType }> {
  await tf.setBackend(backend);
  const t = tf.tidy(f);
  const out = { values: t.dataSync() as Float32Array | Int32Array, shape: t.shape, dtype: t.dtype };
  t.dispose();
  return out;
}

export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    assert.ok(d <= tol * scale, `${what}: [${i}] wasm ${actual[i]} cpu ${expected[i]} (|diff| ${d} > ${tol} * ${scale})`);
  }
}

/** Runs `run` (which builds its tensors from fixed values) on both backends and compares the results. */
export async function compareOnBoth(run: () => tf.Tensor, what: string): Promise<void> {
  const cpu = await on('cpu', run);
  const wasm = await on('wasm', run);
  assert.deepEqual(wasm.shape, cpu.shape, `${what}: shape`);
  assertClose(wasm.values, cpu.values, KERNEL_TOL, what);
}

/** A kernel run on both backends from the same seeded input values. */
export async function compareKernel(name: string, inputs: Record<string, { shape: number[]; values: number[]; dtype?: 'float32' | 'int32' }>, attrs: object, what: string): Promise<void> {
  await compareOnBoth(() => {
    const ts: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(inputs)) ts[k] = tf.tensor(v.values, v.shape, v.dtype ?? 'float32');
    return tf.engine().runKernel(name, ts, attrs as tf.NamedAttrMap) as tf.Tensor;
  }, what);
}

export const uniform = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => rng.nextFloat() * 2 - 1);
export const between = (rng: Prng, lo: number, hi: number): number => lo + rng.nextInt(hi - lo + 1);
export const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

export type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
export const ROUNDING = ['floor', 'round', 'ceil'] as const;

/** A random padding of each kind in turn: 'valid', 'same', a number (with a rounding mode), explicit. */
export function randomPad(rng: Prng, i: number, channelsFirst = false): { pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' } {
  switch (i % 4) {
    case 0: return { pad: 'valid' };
    case 1: return { pad: 'same' };
    case 2: return { pad: between(rng, 0, 2), dimRoundingMode: ROUNDING[rng.nextInt(3)] };
    default: {
      const h: [number, number] = [between(rng, 0, 2), between(rng, 0, 2)];
      const w: [number, number] = [between(rng, 0, 2), between(rng, 0, 2)];
      return { pad: channelsFirst ? [[0, 0], [0, 0], h, w] : [[0, 0], h, w, [0, 0]] };
    }
  }
}

/** Random convolution geometries whose output is not empty (every padding kind, strides 1..3). */
export function* convCases(seed: number, count: number, depthwise: boolean): Generator<{ xShape: [number, number, number, number]; filterShape: [number, number, number, number]; strides: [number, number]; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil'; channelsFirst: boolean; info: tf.backend_util.Conv2DInfo; label: string }> {
  const rng = createPrng(seed);
  for (let i = 0, made = 0; made < count; i++) {
    const channelsFirst = !depthwise && i % 3 === 2;
    const b = between(rng, 1, 3); const h = between(rng, 1, 9); const w = between(rng, 1, 9); const c = between(rng, 1, 4);
    const filterShape: [number, number, number, number] = [between(rng, 1, 4), between(rng, 1, 4), c, between(rng, 1, depthwise ? 3 : 5)];
    const strides: [number, number] = [between(rng, 1, 3), between(rng, 1, 3)];
    const { pad, dimRoundingMode } = randomPad(rng, i, channelsFirst);
    const xShape: [number, number, number, number] = channelsFirst ? [b, c, h, w] : [b, h, w, c];
    const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode, depthwise, channelsFirst ? 'channelsFirst' : 'channelsLast');
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    made++;
    const label = `x [${xShape}] filter [${filterShape}] strides [${strides}] pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}${channelsFirst ? ' NCHW' : ''}`;
    yield { xShape, filterShape, strides, pad, dimRoundingMode, channelsFirst, info, label };
  }
}


/** Seeded values in {-2, -1.5, ..., 2}: negative windows and ties, where max pooling gets subtle. */
export const coarse = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => (rng.nextInt(9) - 4) / 2);

export function* poolCases(seed: number, count: number): Generator<{ xShape: [number, number, number, number]; attrs: { filterSize: [number, number]; strides: [number, number]; pad: Pad; dimRoundingMode?: 'floor' | 'round' | 'ceil' }; outShape: number[]; label: string }> {
  const rng = createPrng(seed);
  for (let i = 0, made = 0; made < count; i++) {
    const xShape: [number, number, number, number] = [between(rng, 1, 3), between(rng, 1, 8), between(rng, 1, 8), between(rng, 1, 4)];
    const filterSize: [number, number] = [between(rng, 1, 3), between(rng, 1, 3)];
    const strides: [number, number] = [between(rng, 1, 3), between(rng, 1, 3)];
    const { pad, dimRoundingMode } = randomPad(rng, i);
    const info = tf.backend_util.computePool2DInfo(xShape, filterSize, strides, 1, pad, dimRoundingMode);
    if (info.outHeight <= 0 || info.outWidth <= 0) continue;
    made++;
    yield { xShape, attrs: { filterSize, strides, pad, dimRoundingMode }, outShape: info.outShape, label: `x [${xShape}] pool [${filterSize}] strides [${strides}] pad ${JSON.stringify(pad)}${dimRoundingMode ? ` ${dimRoundingMode}` : ''}` };
  }
}


/** Random conv3d geometries ('valid' or 'same', strides 1..2) whose output is not empty. */
export function* conv3dCases(seed: number, count: number): Generator<{ xShape: [number, number, number, number, number]; filterShape: [number, number, number, number, number]; strides: [number, number, number]; pad: 'valid' | 'same'; outShape: number[]; label: string }> {
  const rng = createPrng(seed);
  for (let i = 0, made = 0; made < count; i++) {
    const c = between(rng, 1, 3);
    const xShape: [number, number, number, number, number] = [between(rng, 1, 2), between(rng, 1, 5), between(rng, 1, 5), between(rng, 1, 5), c];
    const filterShape: [number, number, number, number, number] = [between(rng, 1, 3), between(rng, 1, 3), between(rng, 1, 3), c, between(rng, 1, 3)];
    const strides: [number, number, number] = [between(rng, 1, 2), between(rng, 1, 2), between(rng, 1, 2)];
    const pad = i % 2 === 0 ? 'valid' : 'same';
    const info = tf.backend_util.computeConv3DInfo(xShape, filterShape, strides, 1, pad);
    if (info.outDepth <= 0 || info.outHeight <= 0 || info.outWidth <= 0) continue;
    made++;
    yield { xShape, filterShape, strides, pad, outShape: info.outShape, label: `x [${xShape}] filter [${filterShape}] strides [${strides}] ${pad}` };
  }
}


/**
 * The adjoint identity, an oracle independent of the cpu backend: for f linear in v,
 * <dy, f(v)> = <grad of <dy, f(v)> w.r.t. v, v>. Checked on wasm with wasm's own forward op.
 * Max pooling is not linear but positively homogeneous, so the identity holds for it too
 * (with continuous random inputs each window has one maximum).
 */
export async function assertAdjoint(f: (v: tf.Tensor) => tf.Tensor, vShape: number[], rng: Prng, what: string): Promise<void> {
  await tf.setBackend('wasm');
  const v = tf.tensor(uniform(rng, size(vShape)), vShape);
  const y = f(v);
  const dy = tf.tensor(uniform(rng, y.size), y.shape);
  const value = tf.tidy(() => y.mul(dy).sum().dataSync()[0]);
  const viaGrad = tf.tidy(() => tf.grad((u: tf.Tensor) => f(u).mul(dy).sum())(v).mul(v).sum().dataSync()[0]);
  tf.dispose([v, y, dy]);
  assert.ok(Math.abs(viaGrad - value) <= 1e-4 * (1 + Math.abs(value)), `${what}: <dy, f(v)> ${value} != <grad, v> ${viaGrad}`);
}
