import * as tf from '@tensorflow/tfjs';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createPrng } from '../../src/core/prng.js';
import { loadBackend } from '../../src/train/load-backend.js';
import { withBlock } from '../../src/train/wasm-kernels/conv2d-backprop-filter.js';
import { BROKEN_WASM_KERNELS, compareVersions, MISSING_WASM_KERNELS, registerMissingWasmKernels, replaceBrokenWasmKernels } from '../../src/train/wasm-kernels/register-wasm-kernels.js';
import { assertAdjoint, between, coarse, compareKernel, compareOnBoth, conv3dCases, convCases, on, poolCases, size, uniform, type Backend } from './kernel-cases.js';
import { LAYER_FAMILIES, familyData, type LayerFamily } from './layer-families.js';

/**
 * The wasm gradient kernels of src/train/wasm-kernels/ against the cpu backend's, the
 * reference semantics (within KERNEL_TOL, kernel-cases.ts), each on seeded random shapes,
 * strides and paddings; against the adjoint identity where the cpu backend itself is
 * wrong or as a second oracle; then a few training steps of one model per Keras layer
 * family on both backends.
 *
 * LOSS_TOL: per-epoch losses within 1e-4 relative (1e-6 absolute below a loss of 0.01):
 * the other kernels of a training step are wasm's own (XNNPACK), whose float32 sums round
 * differently from cpu's.
 */
const LOSS_TOL = 1e-4;

/** The kernels tfjs-backend-wasm itself registers for those it computes wrongly, kept to show why. */
const shipped: Record<string, tf.KernelConfig | undefined> = {};
let wasmVersion = '';

before(async () => {
  wasmVersion = (await import('@tensorflow/tfjs-backend-wasm')).version_wasm;
  for (const name of ['MaxPoolGrad', 'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2', 'MaxPool3DGrad']) shipped[name] = tf.getKernel(name, 'wasm');
  assert.equal(await loadBackend('wasm'), 'wasm');
});

test('loadBackend(\'wasm\') registers the four gradient kernels wasm lacks and replaces the four it computes wrongly, once', () => {
  assert.deepEqual(MISSING_WASM_KERNELS.map((k) => k.name).sort(),
    ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'UnsortedSegmentSum']);
  for (const k of [...MISSING_WASM_KERNELS, ...BROKEN_WASM_KERNELS]) assert.equal(tf.getKernel(k.name, 'wasm')?.kernelFunc, k.kernelFunc, k.name);
  assert.deepEqual(registerMissingWasmKernels(), []);
  assert.deepEqual(replaceBrokenWasmKernels('4.22.0'), []);
});

test('a tfjs-backend-wasm newer than the one measured keeps its own kernels', () => {
  assert.equal(compareVersions('4.22.0', '4.22.0'), 0);
  assert.equal(compareVersions('4.23.0-rc.1', '4.22.0'), 1);
  assert.equal(compareVersions('4.9.0', '4.22.0'), -1);
  const ours = tf.getKernel('MaxPoolGrad', 'wasm');
  assert.ok(ours !== undefined);
  tf.unregisterKernel('MaxPoolGrad', 'wasm');
  const theirs = (): tf.TensorInfo => { throw new Error('the backend\'s own kernel'); };
  tf.registerKernel({ kernelName: 'MaxPoolGrad', backendName: 'wasm', kernelFunc: theirs });
  try {
    assert.deepEqual(replaceBrokenWasmKernels('4.23.0'), []);
    assert.equal(tf.getKernel('MaxPoolGrad', 'wasm')?.kernelFunc, theirs);
    assert.deepEqual(replaceBrokenWasmKernels('4.22.0'), ['MaxPoolGrad']);
  } finally {
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    tf.registerKernel(ours);
  }
});

test('a kernel the wasm backend already has is left alone', () => {
  const ours = tf.getKernel('UnsortedSegmentSum', 'wasm');
  assert.ok(ours !== undefined);
  tf.unregisterKernel('UnsortedSegmentSum', 'wasm');
  const theirs = (): tf.TensorInfo => { throw new Error('the backend\'s own kernel'); };
  tf.registerKernel({ kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: theirs });
  try {
    assert.deepEqual(registerMissingWasmKernels(), []);
    assert.equal(tf.getKernel('UnsortedSegmentSum', 'wasm')?.kernelFunc, theirs);
  } finally {
    tf.unregisterKernel('UnsortedSegmentSum', 'wasm');
    tf.registerKernel(ours);
  }
});

test('Conv2DBackpropFilter: wasm equals cpu on random geometries (NHWC and NCHW)', async () => {
  const rng = createPrng(101);
  for (const c of convCases(1, 40, false)) {
    const dyShape = c.info.outShape;
    await compareKernel('Conv2DBackpropFilter',
      { x: { shape: c.xShape, values: uniform(rng, size(c.xShape)) }, dy: { shape: dyShape, values: uniform(rng, size(dyShape)) } },
      { strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode, dataFormat: c.channelsFirst ? 'NCHW' : 'NHWC', filterShape: c.filterShape },
      `Conv2DBackpropFilter ${c.label}`);
  }
});

test('Conv2DBackpropFilter cuts a batch whose im2col block is too large into runs of images, with the same result', async () => {
  const rng = createPrng(110);
  for (const c of convCases(12, 12, false)) {
    if (c.channelsFirst) continue;
    const taps = c.filterShape[0] * c.filterShape[1] * c.filterShape[2];
    const block = taps * c.info.outHeight * c.info.outWidth; // one image per run
    const xv = uniform(rng, size(c.xShape));
    const dyv = uniform(rng, size(c.info.outShape));
    const attrs = { strides: c.strides, pad: c.pad, dimRoundingMode: c.dimRoundingMode, dataFormat: 'NHWC' as const, filterShape: c.filterShape };
    await compareOnBoth(() => {
      const x = tf.tensor(xv, c.xShape);
      const dy = tf.tensor(dyv, c.info.outShape);
      if (tf.getBackend() === 'cpu') return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as tf.NamedAttrMap) as tf.Tensor;
      const out = withBlock(block)({ inputs: { x, dy }, backend: tf.backend() as never, attrs });
      return tf.engine().makeTensorFromTensorInfo(out);
    }, `Conv2DBackpropFilter in runs of one image ${c.label}`);
  }
});

test('DepthwiseConv2dNativeBackpropFilter: wasm equals cpu on random geometries', async () => {
  const rng = createPrng(102);
  for (const c of convCases(2, 40, true)) {
    const dyShape = c.info.outShape;
    await compareKernel('DepthwiseConv2dNativeBackpropFilter',
      { x: { shape: c.xShape, values: uniform(rng, size(c.xShape)) }, dy: { shape: dyShape, values: uniform(rng, size(dyShape)) } },
      { strides: c.strides, dilations: 1, pad: c.pad, dimRoundingMode: c.dimRoundingMode, filterShape: c.filterShape },
      `DepthwiseConv2dNativeBackpropFilter ${c.label}`);
  }
});

test('DepthwiseConv2dNativeBackpropInput: wasm equals cpu on random geometries', async () => {
  const rng = createPrng(103);
  for (const c of convCases(3, 40, true)) {
    const dyShape = c.info.outShape;
    await compareKernel('DepthwiseConv2dNativeBackpropInput',
      { dy: { shape: dyShape, values: uniform(rng, size(dyShape)) }, filter: { shape: c.filterShape, values: uniform(rng, size(c.filterShape)) } },
      { strides: c.strides, dilations: [1, 1], pad: c.pad, dimRoundingMode: c.dimRoundingMode, inputShape: c.xShape },
      `DepthwiseConv2dNativeBackpropInput ${c.label}`);
  }
});

test('the depthwise gradient kernels refuse dilations above 1 instead of computing them undilated', async () => {
  await tf.setBackend('wasm');
  const x = tf.ones([1, 5, 5, 1]);
  const dy = tf.ones([1, 1, 1, 1]);
  assert.throws(() => tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { strides: 1, dilations: 2, pad: 'valid', filterShape: [3, 3, 1, 1] }), /dilations above 1/);
  tf.dispose([x, dy]);
});

test('UnsortedSegmentSum: wasm equals cpu, out-of-range ids dropped, empty segments zero', async () => {
  const rng = createPrng(104);
  for (let i = 0; i < 30; i++) {
    const rows = between(rng, 1, 12);
    const numSegments = between(rng, 1, 6);
    const rest = Array.from({ length: rng.nextInt(3) }, () => between(rng, 1, 4));
    const ids = Array.from({ length: rows }, () => between(rng, -1, numSegments));
    await compareKernel('UnsortedSegmentSum',
      { x: { shape: [rows, ...rest], values: uniform(rng, rows * size(rest)) }, segmentIds: { shape: [rows], values: ids, dtype: 'int32' } },
      { numSegments }, `UnsortedSegmentSum x [${rows},${rest}] ids [${ids}] numSegments ${numSegments}`);
  }
});

test('UnsortedSegmentSum on wasm: int32 rows sum to int32; ids of rank 2 are refused', async () => {
  const r = await on('wasm', () => tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6]], [3, 2], 'int32'), tf.tensor1d([1, 1, 5], 'int32'), 3));
  assert.equal(r.dtype, 'int32');
  assert.deepEqual([...r.values], [0, 0, 4, 6, 0, 0]);
  await tf.setBackend('wasm');
  const x = tf.ones([2, 2]);
  const ids = tf.zeros([2, 2], 'int32');
  assert.throws(() => tf.unsortedSegmentSum(x, ids as tf.Tensor1D, 2), /segmentIds must be 1-D/);
  tf.dispose([x, ids]);
});

test('MaxPoolGrad: wasm equals cpu on random geometries, negative windows and ties', async () => {
  const rng = createPrng(105);
  for (const c of poolCases(5, 40)) {
    // `output` (the pooled values) is an input both kernels ignore: zeros stand in.
    await compareKernel('MaxPoolGrad', {
      dy: { shape: c.outShape, values: uniform(rng, size(c.outShape)) },
      input: { shape: c.xShape, values: coarse(rng, size(c.xShape)) },
      output: { shape: c.outShape, values: new Array<number>(size(c.outShape)).fill(0) },
    }, c.attrs, `MaxPoolGrad ${c.label}`);
  }
});

test('Conv3DBackpropFilterV2 and Conv3DBackpropInputV2: wasm equals cpu on random geometries', async () => {
  const rng = createPrng(107);
  for (const c of conv3dCases(7, 25)) {
    const dy = { shape: c.outShape, values: uniform(rng, size(c.outShape)) };
    await compareKernel('Conv3DBackpropFilterV2', { x: { shape: c.xShape, values: uniform(rng, size(c.xShape)) }, dy },
      { strides: c.strides, pad: c.pad, filterShape: c.filterShape }, `Conv3DBackpropFilterV2 ${c.label}`);
    await compareKernel('Conv3DBackpropInputV2', { dy, filter: { shape: c.filterShape, values: uniform(rng, size(c.filterShape)) } },
      { strides: c.strides, pad: c.pad, inputShape: c.xShape }, `Conv3DBackpropInputV2 ${c.label}`);
  }
});

test('MaxPool3DGrad: wasm equals cpu on random geometries with square height-by-width windows, negative windows and ties', async () => {
  const rng = createPrng(111);
  for (let i = 0, made = 0; made < 30; i++) {
    const xShape: [number, number, number, number, number] = [between(rng, 1, 2), between(rng, 1, 5), between(rng, 1, 5), between(rng, 1, 5), between(rng, 1, 3)];
    const hw = between(rng, 1, 3);
    const filterSize: [number, number, number] = [between(rng, 1, 3), hw, hw];
    const strides: [number, number, number] = [between(rng, 1, 2), between(rng, 1, 2), between(rng, 1, 2)];
    const pad = i % 2 === 0 ? 'valid' : 'same';
    const info = tf.backend_util.computePool3DInfo(xShape, filterSize, strides, 1, pad);
    if (info.outDepth <= 0 || info.outHeight <= 0 || info.outWidth <= 0) continue;
    made++;
    await compareKernel('MaxPool3DGrad',
      { dy: { shape: info.outShape, values: uniform(rng, size(info.outShape)) }, input: { shape: xShape, values: coarse(rng, size(xShape)) } },
      { filterSize, strides, pad }, `MaxPool3DGrad x [${xShape}] pool [${filterSize}] strides [${strides}] ${pad}`);
  }
});

/**
 * Geometries for the adjoint test, which runs wasm's own forward convolutions: Keras-like
 * ones ('valid' or 'same', strides at most the filter size). On random small geometries
 * tfjs-backend-wasm 4.22's forward Conv2D and DepthwiseConv2dNative sometimes return
 * values that depend on what the heap held before, or corrupt it (measured, e.g.
 * depthwise x [1,3,3,1], filter 2x2, strides 3, 'same' returns zeros): those are kept out.
 */
const ADJOINT_GEOMETRIES: { x: [number, number, number, number]; f: [number, number]; c: number; m: number; strides: [number, number]; pad: 'valid' | 'same' }[] = [
  { x: [2, 7, 7, 3], f: [3, 3], c: 3, m: 4, strides: [1, 1], pad: 'same' },
  { x: [2, 8, 6, 2], f: [3, 2], c: 2, m: 2, strides: [2, 2], pad: 'valid' },
  { x: [1, 9, 9, 2], f: [3, 3], c: 2, m: 1, strides: [2, 1], pad: 'same' },
  { x: [3, 5, 6, 1], f: [2, 2], c: 1, m: 3, strides: [2, 2], pad: 'same' },
  { x: [2, 4, 9, 4], f: [1, 3], c: 4, m: 2, strides: [1, 3], pad: 'valid' },
];

test('every gradient kernel registered here satisfies the adjoint identity on wasm (not only agrees with cpu)', async () => {
  const rng = createPrng(108);
  for (const g of ADJOINT_GEOMETRIES) {
    const label = `x [${g.x}] filter [${g.f}] strides [${g.strides}] ${g.pad}`;
    const x = tf.tensor(uniform(rng, size(g.x)), g.x);
    const convShape = [...g.f, g.c, g.m];
    await assertAdjoint((w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, g.strides, g.pad), convShape, rng, `conv2d filter ${label}`);
    const filt = tf.tensor(uniform(rng, size(convShape)), convShape);
    await assertAdjoint((w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, g.strides, g.pad), convShape, rng, `depthwiseConv2d filter ${label}`);
    await assertAdjoint((v) => tf.depthwiseConv2d(v as tf.Tensor4D, filt as tf.Tensor4D, g.strides, g.pad), g.x, rng, `depthwiseConv2d input ${label}`);
    await assertAdjoint((v) => tf.maxPool(v as tf.Tensor4D, g.f, g.strides, g.pad), g.x, rng, `maxPool ${label}`);
    tf.dispose([x, filt]);
  }
  for (const c of conv3dCases(10, 10)) {
    const x = tf.tensor(uniform(rng, size(c.xShape)), c.xShape);
    const filt = tf.tensor(uniform(rng, size(c.filterShape)), c.filterShape);
    await assertAdjoint((w) => tf.conv3d(x as tf.Tensor5D, w as tf.Tensor5D, c.strides, c.pad), c.filterShape, rng, `conv3d filter ${c.label}`);
    await assertAdjoint((v) => tf.conv3d(v as tf.Tensor5D, filt as tf.Tensor5D, c.strides, c.pad), c.xShape, rng, `conv3d input ${c.label}`);
    tf.dispose([x, filt]);
  }
  const params = tf.tensor(uniform(rng, 24), [6, 4]);
  const ids = tf.tensor1d([5, 0, 2, 2, 5, 1, 0], 'int32');
  await assertAdjoint((p) => tf.gather(p, ids), [6, 4], rng, 'gather');
  tf.dispose([params, ids]);
});

test('MaxPool3DGrad on wasm satisfies <dy, maxPool3d(x)> = <dx, x> on every window shape (the cpu kernel fails it where height and width differ)', async () => {
  // The forward values come from the cpu backend: tfjs-backend-wasm 4.22's own MaxPool3D
  // returns 0 for windows whose maximum is negative (measured).
  const rng = createPrng(112);
  for (const c of conv3dCases(13, 20)) {
    const attrs = { filterSize: [c.filterShape[0], c.filterShape[1], c.filterShape[2]] as [number, number, number], strides: c.strides, pad: c.pad };
    const xv = uniform(rng, size(c.xShape));
    const y = await on('cpu', () => tf.maxPool3d(tf.tensor5d(xv, c.xShape), attrs.filterSize, attrs.strides, attrs.pad));
    const dyv = uniform(rng, y.values.length);
    const dx = await on('wasm', () => tf.engine().runKernel('MaxPool3DGrad', { dy: tf.tensor(dyv, y.shape), input: tf.tensor(xv, c.xShape) }, attrs) as tf.Tensor);
    const value = dyv.reduce((a, v, i) => a + v * y.values[i], 0);
    const viaGrad = xv.reduce((a, v, i) => a + v * dx.values[i], 0);
    assert.ok(Math.abs(viaGrad - value) <= 1e-4 * (1 + Math.abs(value)), `maxPool3d pool [${attrs.filterSize}] ${c.label}: ${value} != ${viaGrad}`);
  }
});

test('ResizeNearestNeighborGrad (wasm\'s own) satisfies the adjoint identity; the cpu reference is wrong past the first image of a batch', async () => {
  const rng = createPrng(109);
  await assertAdjoint((v) => tf.image.resizeNearestNeighbor(v as tf.Tensor4D, [5, 7]), [3, 2, 3, 2], rng, 'resizeNearestNeighbor');
  await assertAdjoint((v) => tf.image.resizeNearestNeighbor(v as tf.Tensor4D, [4, 3], true), [2, 3, 3, 1], rng, 'resizeNearestNeighbor alignCorners');
  const images = [2, 1, 1, 1];
  const dy = [2, 2, 2, 1];
  const run = (): tf.Tensor => tf.engine().runKernel('ResizeNearestNeighborGrad', { images: tf.zeros(images), dy: tf.tensor([1, 1, 1, 1, 10, 10, 10, 10], dy) }, { alignCorners: false }) as tf.Tensor;
  assert.deepEqual([...(await on('wasm', run)).values], [4, 40]);
  assert.notDeepEqual([...(await on('cpu', run)).values], [4, 40], 'the cpu kernel reads the second image\'s dy at the images\' batch offset');
});

test('tfjs-backend-wasm 4.22\'s own MaxPoolGrad, conv3d and maxPool3d gradients are wrong (why they are replaced)', async () => {
  // The lockfile pins 4.22.0, the version these findings are about: an upgrade fails here
  // until someone checks whether the new release still needs the replacements.
  assert.equal(wasmVersion, '4.22.0', 'tfjs-backend-wasm was upgraded: recheck replaceBrokenWasmKernels and this test');
  const theirs = (name: string, inputs: Record<string, tf.Tensor>, attrs: object): number[] => {
    const k = shipped[name];
    assert.ok(k !== undefined);
    const out = k.kernelFunc({ inputs, backend: tf.backend(), attrs: attrs as tf.NamedAttrMap }) as tf.TensorInfo;
    const tensor = tf.engine().makeTensorFromTensorInfo(out);
    const v = [...tensor.dataSync()];
    tensor.dispose();
    return v;
  };
  await tf.setBackend('wasm');
  const x = tf.tensor4d([-1, -2, 3, 4, -5, -0.5], [1, 6, 1, 1]);
  const dy = tf.ones([1, 3, 1, 1]);
  assert.deepEqual(theirs('MaxPoolGrad', { dy, input: x, output: dy }, { filterSize: [2, 1], strides: [2, 1], pad: 'valid' }), [1, 0, 0, 1, 0, 0], 'the window [-5, -0.5] loses its gradient');
  // conv3d with a 1x1x1 unit filter is the identity: its input gradient is dy itself.
  const dy3 = tf.range(1, 17).reshape([2, 2, 2, 2, 1]);
  const unit = tf.ones([1, 1, 1, 1, 1]);
  assert.notDeepEqual(theirs('Conv3DBackpropInputV2', { dy: dy3, filter: unit }, { strides: 1, pad: 'valid', inputShape: [2, 2, 2, 2, 1] }), [...dy3.dataSync()]);
  const ours = await on('wasm', () => tf.engine().runKernel('Conv3DBackpropInputV2', { dy: tf.range(1, 17).reshape([2, 2, 2, 2, 1]), filter: tf.ones([1, 1, 1, 1, 1]) }, { strides: 1, pad: 'valid', inputShape: [2, 2, 2, 2, 1] }) as tf.Tensor);
  assert.deepEqual([...ours.values], Array.from({ length: 16 }, (_, i) => i + 1));
  // A 1x1x1 pool is the identity too: its gradient is dy, wherever the inputs are negative.
  const x3 = tf.tensor5d([-1, 2, -3, 4, -5, 6, -7, 8], [1, 2, 2, 2, 1]);
  const pool = { filterSize: 1, strides: 1, pad: 'valid' };
  const dy8 = tf.range(1, 9).reshape([1, 2, 2, 2, 1]);
  assert.notDeepEqual(theirs('MaxPool3DGrad', { dy: dy8, input: x3 }, pool), [1, 2, 3, 4, 5, 6, 7, 8]);
  const ours3 = await on('wasm', () => tf.engine().runKernel('MaxPool3DGrad', { dy: tf.range(1, 9).reshape([1, 2, 2, 2, 1]), input: tf.tensor5d([-1, 2, -3, 4, -5, 6, -7, 8], [1, 2, 2, 2, 1]) }, pool) as tf.Tensor);
  assert.deepEqual([...ours3.values], [1, 2, 3, 4, 5, 6, 7, 8]);
  tf.dispose([x, dy, dy3, unit, x3, dy8]);
});

/** Per-epoch losses of two epochs (batches of 2 of 4 rows unless the family says otherwise, no shuffle, SGD). */
async function familyLosses(f: LayerFamily, backend: Backend): Promise<number[]> {
  await tf.setBackend(backend);
  const { x, y } = familyData(f);
  const model = f.build();
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  try {
    const h = await model.fit(x, y, { epochs: 2, batchSize: f.batchSize ?? 2, shuffle: false, verbose: 0 });
    return h.history.loss as number[];
  } finally {
    model.dispose();
    tf.dispose([x, y]);
  }
}

for (const f of LAYER_FAMILIES) {
  test(`${f.name}: training steps on wasm ${f.random ? 'run and give finite losses' : 'give the losses they give on cpu'}`, async () => {
    const wasm = await familyLosses(f, 'wasm');
    assert.ok(wasm.every(Number.isFinite), `wasm losses ${wasm}`);
    if (f.random) return;
    const cpu = await familyLosses(f, 'cpu');
    for (let i = 0; i < cpu.length; i++) {
      assert.ok(Math.abs(wasm[i] - cpu[i]) <= LOSS_TOL * Math.max(1e-2, Math.abs(cpu[i])), `epoch ${i + 1}: wasm ${wasm[i]} cpu ${cpu[i]}`);
    }
  });
}
